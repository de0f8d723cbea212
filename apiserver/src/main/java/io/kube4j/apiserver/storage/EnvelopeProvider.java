package io.kube4j.apiserver.storage;

/**
 * One way values are kept at rest (an AES key, or plain text), as an EncryptionConfiguration
 * provider names it. Thread-safe.
 */
interface EnvelopeProvider {

    /** Whether {@code stored} was written by this provider: its prefix ({@code k8s:enc:aesgcm:v1:key1:}) matches. */
    boolean owns(byte[] stored);

    /** The bytes to store for {@code plain} under etcd key {@code key}. */
    byte[] seal(String key, byte[] plain);

    /**
     * The plain value of bytes this provider {@link #owns}.
     *
     * @throws StorageException INTERNAL when they do not decrypt (another key of the same name, tampering)
     */
    byte[] open(String key, byte[] stored);
}
