package io.kube4j.common.selector;

/**
 * A label or field selector that cannot be parsed, or names a field the kind does not support.
 * It is always the client's mistake: the apiserver answers 400 BadRequest with this message.
 */
public final class SelectorException extends IllegalArgumentException {

    public SelectorException(String message) {
        super(message);
    }

    public SelectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
