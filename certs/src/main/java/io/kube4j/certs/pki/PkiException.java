package io.kube4j.certs.pki;

/**
 * The PKI could not be created, read or written. The message is one line that names the file or
 * step at fault, fit to print as the reason a command failed.
 */
public final class PkiException extends RuntimeException {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
