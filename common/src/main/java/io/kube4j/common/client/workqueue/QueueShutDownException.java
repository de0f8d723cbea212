package io.kube4j.common.client.workqueue;

/**
 * Thrown by {@link WorkQueue#get()} and {@link WorkQueue#poll} once the queue is shut down and
 * empty: the normal signal for a worker to exit, not an error. It is checked so that no worker
 * loop can forget it.
 */
public final class QueueShutDownException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param queueName the name of the queue that was shut down */
    public QueueShutDownException(String queueName) {
        super("work queue " + queueName + " is shut down", null, false, false);
    }
}
