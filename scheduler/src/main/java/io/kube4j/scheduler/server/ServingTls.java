package io.kube4j.scheduler.server;

import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS identity of the health and metrics endpoint: the certificate and key given by flags,
 * or — as kube-scheduler does when given none — a self-signed certificate made in memory at start
 * (EC P-256, a year, for {@code localhost}, {@code 127.0.0.1} and the host name).
 */
public final class ServingTls {

    private ServingTls() {
    }

    public static SSLContext fromFiles(Path certificate, Path key) throws IOException {
        List<X509Certificate> chain = Pem.certificates(certificate);
        PrivateKey privateKey = Pem.privateKey(key);
        if (chain.isEmpty()) {
            throw new IOException(certificate + " holds no certificate");
        }
        return context(chain, privateKey);
    }

    public static SSLContext selfSigned(String hostName, Clock clock) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name subject = new X500Name("CN=" + hostName + "@" + now.getEpochSecond());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.dNSName, hostName),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return context(List.of(certificate), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a self-signed serving certificate: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(List<X509Certificate> chain, PrivateKey key) throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStores.keyStore(chain, key), KeyStores.PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the serving TLS context: " + e.getMessage(), e);
        }
    }
}
