package io.kube4j.apiserver.bench;

/** The bench could not measure something (a deadline passed, a request failed); the message says which phase. */
final class BenchException extends RuntimeException {

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
