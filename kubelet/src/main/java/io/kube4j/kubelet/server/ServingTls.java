package io.kube4j.kubelet.server;

import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The kubelet's serving TLS: the pair from {@code --tls-cert-file}/{@code --tls-private-key-file},
 * or (as the kubelet does without them) a self-signed certificate for the node's name and IP;
 * client certificates are checked against {@code --client-ca-file} when given.
 */
public final class ServingTls {

    private ServingTls() {
    }

    /**
     * @param certificate null for a self-signed certificate
     * @param clientCa    null to ask for no client certificate
     */
    public static SSLContext context(Path certificate, Path key, Path clientCa, String nodeName, String nodeIp,
                                     Clock clock) throws IOException {
        try {
            List<X509Certificate> chain;
            PrivateKey privateKey;
            if (certificate != null) {
                chain = Pem.certificates(certificate);
                privateKey = Pem.privateKey(key);
                if (chain.isEmpty()) {
                    throw new IOException(certificate + " holds no certificate");
                }
            } else {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(256);
                KeyPair pair = generator.generateKeyPair();
                chain = List.of(selfSigned(pair, nodeName, nodeIp, clock.instant()));
                privateKey = pair.getPrivate();
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStores.keyStore(chain, privateKey), KeyStores.PASSWORD);
            TrustManagerFactory trust = null;
            if (clientCa != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate ca : Pem.certificates(clientCa)) {
                    store.setCertificateEntry("ca-" + i++, ca);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("kubelet: cannot build the serving TLS context: " + e.getMessage(), e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, String nodeName, String nodeIp, Instant now)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name subject = new X500Name("CN=" + nodeName + "@" + now.getEpochSecond());
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(365))), subject, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, nodeName),
                new GeneralName(GeneralName.iPAddress, nodeIp)}));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}
