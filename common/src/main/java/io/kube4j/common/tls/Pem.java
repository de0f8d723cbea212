package io.kube4j.common.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads PEM certificates and private keys as kube4j-certs, kubeadm and openssl write them:
 * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}).
 */
public final class Pem {

    private Pem() {
    }

    public static List<X509Certificate> certificates(Path file) throws IOException {
        return certificates(read(file, "certificate"), file.toString());
    }

    public static List<X509Certificate> certificates(byte[] pem, String origin) throws IOException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (var cert : factory.generateCertificates(new ByteArrayInputStream(pem))) {
                certs.add((X509Certificate) cert);
            }
            if (certs.isEmpty()) {
                throw new IOException("no PEM certificate in " + origin);
            }
            return certs;
        } catch (CertificateException e) {
            throw new IOException("unreadable certificate in " + origin + ": " + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKey(Path file) throws IOException {
        return privateKey(read(file, "private key"), file.toString());
    }

    public static PrivateKey privateKey(byte[] pem, String origin) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    // SEC1 keys may leave out the optional public key; the private part is all we need
                    return pair.getPublicKeyInfo() == null
                            ? converter.getPrivateKey(pair.getPrivateKeyInfo())
                            : converter.getKeyPair(pair).getPrivate();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("unreadable private key in " + origin + ": " + e.getMessage(), e);
        }
        throw new IOException("no PEM private key in " + origin);
    }

    /**
     * A public key from a {@code PUBLIC KEY} block, or the public half of a private key or
     * certificate in the file (service-account key files may hold any of these).
     */
    public static java.security.PublicKey publicKey(Path file) throws IOException {
        byte[] pem = read(file, "public key");
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info) {
                    return converter.getPublicKey(info);
                }
                if (item instanceof PEMKeyPair pair && pair.getPublicKeyInfo() != null) {
                    return converter.getPublicKey(pair.getPublicKeyInfo());
                }
                if (item instanceof org.bouncycastle.cert.X509CertificateHolder holder) {
                    return converter.getPublicKey(holder.getSubjectPublicKeyInfo());
                }
                if (item instanceof PrivateKeyInfo info) {
                    java.security.PrivateKey key = converter.getPrivateKey(info);
                    if (key instanceof java.security.interfaces.RSAPrivateCrtKey rsa) {
                        return java.security.KeyFactory.getInstance("RSA").generatePublic(
                                new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                    }
                }
            }
        } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
            throw new IOException("unreadable public key in " + file + ": " + e.getMessage(), e);
        }
        throw new IOException("no PEM public key in " + file);
    }

    private static byte[] read(Path file, String what) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException(what + " file " + file + " does not exist or is not readable");
        }
        return Files.readAllBytes(file);
    }
}
