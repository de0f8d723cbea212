package io.kube4j.common.client.workqueue;

import java.time.Duration;

/**
 * Decides how long a key waits before it is retried. Implementations are thread-safe: every
 * worker of a queue calls them.
 *
 * <p>Per-key limiters remember each key until {@link #forget}; callers must forget a key once it
 * was handled, or its backoff keeps growing and its entry is never released.
 */
public interface RateLimiter<K> {

    /**
     * The delay before {@code key} is retried, never negative. Each call counts as one more
     * failure of the key (or one more token taken, for an overall limiter).
     */
    Duration when(K key);

    /** Stops tracking {@code key}: its next {@link #when} starts from the base delay again. */
    void forget(K key);

    /** How many failures of {@code key} are being tracked; 0 for limiters that do not track keys. */
    int retries(K key);
}
