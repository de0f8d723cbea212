package io.kube4j.certs.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Checks that a private key belongs to a public key by signing a probe and verifying it. */
final class KeyMatch {

    private static final byte[] PROBE = "kube4j-key-match".getBytes(StandardCharsets.US_ASCII);

    private KeyMatch() {
    }

    /** The signature algorithm for a key: the one our certificates use. */
    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new PkiException("unsupported key algorithm " + key.getAlgorithm());
        };
    }

    /**
     * A mismatched pair would produce certificates that no TLS handshake can use.
     *
     * @param what names the files, for the error message
     */
    static void require(PublicKey publicKey, PrivateKey privateKey, String what) {
        try {
            String algorithm = signatureAlgorithm(privateKey);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // Falls through: a key of another algorithm cannot belong to this certificate.
        }
        throw new PkiException("the private key does not belong to the certificate: " + what);
    }
}
