package io.kube4j.apiserver.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES key of an {@code aesgcm} or {@code aescbc} provider. Stored values read
 * {@code k8s:enc:<mode>:v1:<key name>:} followed by the nonce (GCM: 12 random bytes; CBC: a
 * 16-byte random IV) and the ciphertext (GCM: with its 16-byte tag, the etcd key as associated
 * data, so a value cannot be moved to another key; CBC: PKCS#7 padded).
 */
final class AesProvider implements EnvelopeProvider {

    enum Mode {
        GCM("aesgcm", "AES/GCM/NoPadding", 12),
        CBC("aescbc", "AES/CBC/PKCS5Padding", 16);

        final String provider;
        final String transformation;
        final int nonceLength;

        Mode(String provider, String transformation, int nonceLength) {
            this.provider = provider;
            this.transformation = transformation;
            this.nonceLength = nonceLength;
        }
    }

    private static final int TAG_BITS = 128;

    private final Mode mode;
    private final SecretKeySpec key;
    private final byte[] prefix;
    private final SecureRandom random;

    /** @throws IllegalArgumentException when the key is not 16, 24 or 32 bytes */
    AesProvider(Mode mode, String name, byte[] secret, SecureRandom random) {
        if (secret.length != 16 && secret.length != 24 && secret.length != 32) {
            throw new IllegalArgumentException(mode.provider + " key \"" + name + "\" must be 16, 24 or 32 bytes, not "
                    + secret.length);
        }
        this.mode = mode;
        this.key = new SecretKeySpec(secret, "AES");
        this.prefix = ("k8s:enc:" + mode.provider + ":v1:" + name + ":").getBytes(StandardCharsets.US_ASCII);
        this.random = random;
    }

    @Override
    public boolean owns(byte[] stored) {
        return IdentityProvider.startsWith(stored, prefix);
    }

    @Override
    public byte[] seal(String etcdKey, byte[] plain) {
        byte[] nonce = new byte[mode.nonceLength];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, etcdKey);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(prefix, prefix.length + nonce.length + sealed.length);
            System.arraycopy(nonce, 0, out, prefix.length, nonce.length);
            System.arraycopy(sealed, 0, out, prefix.length + nonce.length, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new StorageException(StorageException.Kind.INTERNAL, mode.provider + " encryption of " + etcdKey
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] open(String etcdKey, byte[] stored) {
        int start = prefix.length;
        if (stored.length < start + mode.nonceLength) {
            throw failure(etcdKey, "the value is too short", null);
        }
        byte[] nonce = Arrays.copyOfRange(stored, start, start + mode.nonceLength);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, etcdKey);
            return cipher.doFinal(stored, start + mode.nonceLength, stored.length - start - mode.nonceLength);
        } catch (GeneralSecurityException e) {
            throw failure(etcdKey, e.getMessage(), e);
        }
    }

    private Cipher cipher(int direction, byte[] nonce, String etcdKey) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(mode.transformation);
        AlgorithmParameterSpec parameters = mode == Mode.GCM ? new GCMParameterSpec(TAG_BITS, nonce) : new IvParameterSpec(nonce);
        cipher.init(direction, key, parameters);
        if (mode == Mode.GCM) {
            cipher.updateAAD(etcdKey.getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }

    private StorageException failure(String etcdKey, String why, Throwable cause) {
        return new StorageException(StorageException.Kind.INTERNAL, "the value of " + etcdKey + " does not decrypt with "
                + new String(prefix, StandardCharsets.US_ASCII) + " (" + why + ")", cause);
    }
}
