package io.kube4j.common.client;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Throw-away keys and certificates for tests, and their PEM forms in every encoding kubeconfigs carry. */
final class TestCerts {

    private static final AtomicLong SERIAL = new AtomicLong(1);

    /** A CA and what it issued. */
    record Issued(X509Certificate certificate, KeyPair keys) {
    }

    private TestCerts() {
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issued ca(String name) {
        KeyPair keys = ec();
        return new Issued(sign(name, keys.getPublic(), name, keys.getPrivate(), true, List.of()), keys);
    }

    /**
     * @param names subject alternative names: IP literals become IP entries, the rest DNS entries
     */
    static Issued issue(Issued ca, String commonName, KeyPair keys, List<String> names) {
        String issuer = ca.certificate().getSubjectX500Principal().getName().substring("CN=".length());
        return new Issued(sign(commonName, keys.getPublic(), issuer, ca.keys().getPrivate(), false, names), keys);
    }

    private static X509Certificate sign(String subject, java.security.PublicKey key, String issuer, PrivateKey signer,
                                        boolean ca, List<String> names) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + subject), key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!names.isEmpty()) {
                List<GeneralName> general = new ArrayList<>();
                for (String name : names) {
                    general.add(Character.isDigit(name.charAt(0)) || name.contains(":")
                            ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(name).getHostAddress())
                            : new GeneralName(GeneralName.dNSName, name));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(general.toArray(new GeneralName[0])));
            }
            String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    static String pem(X509Certificate... certificates) {
        return write((Object[]) certificates);
    }

    /**
     * PKCS#1 ({@code RSA PRIVATE KEY}) for RSA keys, SEC1 ({@code EC PRIVATE KEY}) for EC keys. The
     * SEC1 form carries the public key as openssl, Go and kube4j-certs write it (the JDK's own
     * encoding leaves that optional field out).
     */
    static String traditionalPem(KeyPair keys) {
        if (!(keys.getPrivate() instanceof ECPrivateKey ec)) {
            return write(keys.getPrivate());
        }
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                ec.getParams().getOrder().bitLength(), ec.getS(), publicKey.getPublicKeyData(),
                publicKey.getAlgorithm().getParameters());
        try {
            return write(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PKCS#8 ({@code PRIVATE KEY}). */
    static String pkcs8Pem(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
