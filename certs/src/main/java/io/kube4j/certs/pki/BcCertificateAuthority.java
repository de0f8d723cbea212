package io.kube4j.certs.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signs certificates with BouncyCastle's builders and the JDK's own crypto providers. */
final class BcCertificateAuthority implements CertificateAuthority {

    /** Peers whose clocks run a little behind ours still accept a certificate issued just now. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int SERIAL_BITS = 128;

    private final CertifiedKey credentials;
    private final Clock clock;
    private final SecureRandom random;
    private final byte[] keyIdentifier;

    private BcCertificateAuthority(CertifiedKey credentials, Clock clock, SecureRandom random) {
        this.credentials = credentials;
        this.clock = clock;
        this.random = random;
        this.keyIdentifier = keyIdentifierOf(credentials.certificate());
    }

    static CertificateAuthority selfSigned(String commonName, KeySpec keySpec, Duration validity, Clock clock) {
        SecureRandom random = new SecureRandom();
        KeyPair keys = keySpec.generate(random);
        Instant now = clock.instant();
        X500Name name = subject(commonName, List.of());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name, serial(random), Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)),
                name, keys.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(keys.getPublic()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new PkiException("cannot build CA certificate " + commonName + ": " + e.getMessage(), e);
        }
        X509Certificate certificate = sign(builder, keys.getPrivate(), random, commonName);
        return new BcCertificateAuthority(new CertifiedKey(certificate, keys.getPrivate()), clock, random);
    }

    static CertificateAuthority of(CertifiedKey credentials, Clock clock) {
        X509Certificate certificate = credentials.certificate();
        if (certificate.getBasicConstraints() < 0) {
            throw new PkiException("certificate " + certificate.getSubjectX500Principal() + " is not a CA");
        }
        KeyMatch.require(certificate.getPublicKey(), credentials.privateKey(),
                "CA " + certificate.getSubjectX500Principal());
        return new BcCertificateAuthority(credentials, clock, new SecureRandom());
    }

    @Override
    public CertifiedKey credentials() {
        return credentials;
    }

    @Override
    public CertifiedKey issue(CertificateRequest request, KeyPair subjectKey) {
        X509Certificate ca = credentials.certificate();
        Instant now = clock.instant();
        // A leaf outliving its CA could never verify after the CA expires; end both together.
        Instant notAfter = min(now.plus(request.validity()), ca.getNotAfter().toInstant());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), serial(random),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter),
                subject(request.commonName(), request.organizations()), subjectKey.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, keyUsage(subjectKey.getPublic()))
                    .addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage(request))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(subjectKey.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier));
            GeneralNames alternativeNames = alternativeNames(request.subjectNames());
            if (alternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
            }
        } catch (CertIOException | GeneralSecurityException e) {
            throw new PkiException("cannot build certificate " + request.commonName() + ": " + e.getMessage(), e);
        }
        X509Certificate certificate = sign(builder, credentials.privateKey(), random, request.commonName());
        return new CertifiedKey(certificate, subjectKey.getPrivate());
    }

    private static X500Name subject(String commonName, List<String> organizations) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        organizations.forEach(organization -> name.addRDN(BCStyle.O, organization));
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    /** RFC 5280 wants positive serials of at most 20 octets; the top bit fixes the length at 128 bits. */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(SERIAL_BITS, random).setBit(SERIAL_BITS - 1);
    }

    /** RSA keys may also encrypt a TLS 1.2 pre-master secret; EC keys only sign. */
    private static KeyUsage keyUsage(PublicKey key) {
        int usage = KeyUsage.digitalSignature;
        if ("RSA".equals(key.getAlgorithm())) {
            usage |= KeyUsage.keyEncipherment;
        }
        return new KeyUsage(usage);
    }

    private static ExtendedKeyUsage extendedKeyUsage(CertificateRequest request) {
        return new ExtendedKeyUsage(request.purposes().stream()
                .sorted()
                .map(purpose -> purpose == KeyPurpose.SERVER_AUTH
                        ? KeyPurposeId.id_kp_serverAuth
                        : KeyPurposeId.id_kp_clientAuth)
                .toArray(KeyPurposeId[]::new));
    }

    private static GeneralNames alternativeNames(SubjectNames names) {
        List<GeneralName> all = new ArrayList<>();
        names.dnsNames().forEach(dns -> all.add(new GeneralName(GeneralName.dNSName, dns)));
        names.ipAddresses().forEach(ip ->
                all.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress()))));
        return all.isEmpty() ? null : new GeneralNames(all.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(
            X509v3CertificateBuilder builder, PrivateKey signer, SecureRandom random, String commonName) {
        try {
            var contentSigner = new JcaContentSignerBuilder(KeyMatch.signatureAlgorithm(signer))
                    .setSecureRandom(random)
                    .build(signer);
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new PkiException("cannot sign certificate " + commonName + ": " + e.getMessage(), e);
        }
    }

    /** Leaves name the CA by its own subject key identifier, so the two always match. */
    private static byte[] keyIdentifierOf(X509Certificate ca) {
        byte[] extension = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        try {
            if (extension != null) {
                byte[] inner = ASN1OctetString.getInstance(extension).getOctets();
                return SubjectKeyIdentifier.getInstance(inner).getKeyIdentifier();
            }
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(ca.getPublicKey()).getKeyIdentifier();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PkiException("cannot read the key identifier of CA "
                    + ca.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    private static Instant min(Instant first, Instant second) {
        return first.isBefore(second) ? first : second;
    }
}
