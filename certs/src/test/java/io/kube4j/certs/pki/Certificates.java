package io.kube4j.certs.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** Reads what tests assert about certificates, and validates chains with the JDK's PKIX validator. */
public final class Certificates {

    public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private Certificates() {
    }

    /** Throws unless {@code leaf} chains to {@code ca} at {@code at}; revocation is not checked. */
    public static void validateChain(X509Certificate ca, X509Certificate leaf, Instant at)
            throws GeneralSecurityException {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    public static String commonName(X509Certificate certificate) {
        List<String> names = values(certificate, BCStyle.CN);
        return names.isEmpty() ? null : names.get(0);
    }

    public static List<String> organizations(X509Certificate certificate) {
        return values(certificate, BCStyle.O);
    }

    public static List<String> extendedKeyUsages(X509Certificate certificate) throws GeneralSecurityException {
        List<String> usages = certificate.getExtendedKeyUsage();
        return usages == null ? List.of() : usages;
    }

    public static byte[] subjectKeyIdentifier(X509Certificate certificate) throws IOException {
        byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getKeyIdentifier();
    }

    public static byte[] authorityKeyIdentifier(X509Certificate certificate) throws IOException {
        byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
                .getKeyIdentifierObject()
                .getOctets();
    }

    private static List<String> values(X509Certificate certificate, ASN1ObjectIdentifier type) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        return Arrays.stream(name.getRDNs(type))
                .map(rdn -> IETFUtils.valueToString(rdn.getFirst().getValue()))
                .toList();
    }
}
