package io.kube4j.certs.pki;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM text as Kubernetes, Go and OpenSSL read it: certificates, PKCS#8 private keys
 * ({@code BEGIN PRIVATE KEY}) and SubjectPublicKeyInfo public keys ({@code BEGIN PUBLIC KEY}).
 */
public final class Pem {

    private static final Base64.Encoder BODY = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    public static String encode(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new PkiException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** JDK private keys encode as PKCS#8 already; the PEM label says so. */
    public static String encode(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    public static String encode(PublicKey key) {
        return block("PUBLIC KEY", key.getEncoded());
    }

    /** The first certificate in {@code file}. */
    public static X509Certificate readCertificate(Path file) {
        Object object = readFirst(file);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new PkiException(file + " does not hold a PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new PkiException(file + " holds an unreadable certificate: " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 key, or for keys made by other tools a traditional EC or RSA key. */
    public static PrivateKey readPrivateKey(Path file) {
        Object object = readFirst(file);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new PkiException(file + " holds an unreadable private key: " + e.getMessage(), e);
        }
        throw new PkiException(file + " does not hold an unencrypted PEM private key");
    }

    public static PublicKey readPublicKey(Path file) {
        Object object = readFirst(file);
        if (!(object instanceof SubjectPublicKeyInfo info)) {
            throw new PkiException(file + " does not hold a PEM public key");
        }
        try {
            return new JcaPEMKeyConverter().getPublicKey(info);
        } catch (IOException e) {
            throw new PkiException(file + " holds an unreadable public key: " + e.getMessage(), e);
        }
    }

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + BODY.encodeToString(der) + "\n"
                + "-----END " + label + "-----\n";
    }

    private static Object readFirst(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (object == null) {
                throw new PkiException(file + " holds no PEM data");
            }
            return object;
        } catch (IOException e) {
            throw new PkiException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
