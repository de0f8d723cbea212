package io.kube4j.apiserver.storage;

/** A store operation that did not happen, and why. */
public final class StorageException extends RuntimeException {

    public enum Kind {
        /** the key is absent */
        NOT_FOUND,
        /** create of a key that exists */
        EXISTS,
        /** the key changed since the caller read it */
        CONFLICT,
        /** the requested revision was compacted away */
        COMPACTED,
        /** the store did not answer in time or refused the connection */
        UNAVAILABLE,
        /** the request's own deadline passed */
        TIMEOUT,
        /** anything else: a bug or an unexpected store error */
        INTERNAL
    }

    private final Kind kind;

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public StorageException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
