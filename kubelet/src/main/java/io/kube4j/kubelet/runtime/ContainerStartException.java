package io.kube4j.kubelet.runtime;

/** A container that could not start; {@link #reason()} is the waiting reason the pod status shows. */
public final class ContainerStartException extends Exception {

    private final String reason;

    public ContainerStartException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
