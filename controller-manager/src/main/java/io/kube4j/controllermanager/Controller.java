package io.kube4j.controllermanager;

/**
 * One control loop of the controller manager. The manager calls {@link #register} for every
 * enabled controller before it starts the shared informers, then {@link #run} once they have
 * synced, then {@link #close()} on shutdown or lost leadership.
 *
 * <p>Handlers registered on informers only enqueue keys; workers take keys from the controller's
 * own queue, read the informer caches (never mutating cached objects) and write through the API.
 */
public interface Controller extends AutoCloseable {

    /** The name used by {@code --controllers}, in metrics and in logs ({@code replicaset}). */
    String name();

    /** Asks the informers it needs and adds its event handlers; must not block. */
    void register(ControllerContext context);

    /** Starts {@code workers} worker threads (and any periodic task); returns at once. */
    void run(int workers);

    /** Stops the workers, letting the key in hand finish; returns within a few seconds. */
    @Override
    void close();
}
