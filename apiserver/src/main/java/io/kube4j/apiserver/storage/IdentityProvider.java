package io.kube4j.apiserver.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The {@code identity} provider: values stored as they are, and read back if they carry no encryption prefix. */
final class IdentityProvider implements EnvelopeProvider {

    static final byte[] ENCRYPTED_PREFIX = "k8s:enc:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public boolean owns(byte[] stored) {
        return !startsWith(stored, ENCRYPTED_PREFIX);
    }

    @Override
    public byte[] seal(String key, byte[] plain) {
        return plain;
    }

    @Override
    public byte[] open(String key, byte[] stored) {
        return stored;
    }

    static boolean startsWith(byte[] value, byte[] prefix) {
        return value.length >= prefix.length && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
    }
}
