package io.kube4j.common.client;

/**
 * A kubeconfig, in-cluster configuration or token file that cannot be used. The message is one
 * line naming the file and the part at fault, fit to print as a daemon's exit reason.
 */
public final class KubeconfigException extends IllegalArgumentException {

    public KubeconfigException(String message) {
        super(message);
    }

    public KubeconfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
