package io.kube4j.certs.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

/**
 * How to generate a key pair: EC P-256, or RSA with a modulus of at least 2048 bits.
 *
 * @param type the algorithm
 * @param rsaBits the RSA modulus length; ignored for {@link KeyType#EC}
 */
public record KeySpec(KeyType type, int rsaBits) {

    /** Smallest RSA modulus we issue: NIST retired 1024-bit RSA in 2013. */
    public static final int MIN_RSA_BITS = 2048;

    /** The default for every certificate key. */
    public static final KeySpec EC_P256 = new KeySpec(KeyType.EC, MIN_RSA_BITS);

    /** Service-account tokens are RS256 JWTs by Kubernetes default, so their key is always RSA. */
    public static final KeySpec RSA_2048 = new KeySpec(KeyType.RSA, MIN_RSA_BITS);

    public KeySpec {
        if (type == null) {
            throw new IllegalArgumentException("key type is required");
        }
        if (type == KeyType.RSA && (rsaBits < MIN_RSA_BITS || rsaBits > 16384)) {
            throw new IllegalArgumentException(
                    "RSA key size " + rsaBits + " is out of range: use " + MIN_RSA_BITS + " to 16384 bits");
        }
    }

    public static KeySpec rsa(int bits) {
        return new KeySpec(KeyType.RSA, bits);
    }

    /** The spec that generates keys like {@code key}, so that renewed certificates keep their kind. */
    public static KeySpec of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa(rsa.getModulus().bitLength());
        }
        if ("EC".equals(key.getAlgorithm())) {
            return EC_P256;
        }
        throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    }

    public KeyPair generate(SecureRandom random) {
        try {
            if (type == KeyType.EC) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(rsaBits, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot generate a " + this + " key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return type == KeyType.EC ? "EC P-256" : "RSA " + rsaBits;
    }
}
