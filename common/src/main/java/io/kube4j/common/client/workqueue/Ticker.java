package io.kube4j.common.client.workqueue;

/**
 * A monotonic time source in nanoseconds, injected so that tests control time. Only differences
 * between two readings mean anything, as with {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {

    /** The current reading; never decreases. */
    long nanoTime();

    /** The system's monotonic clock. */
    static Ticker system() {
        return System::nanoTime;
    }
}
