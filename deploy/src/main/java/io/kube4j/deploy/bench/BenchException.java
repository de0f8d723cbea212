package io.kube4j.deploy.bench;

/** A scenario that could not measure what it set out to; the message says which and why. */
final class BenchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
