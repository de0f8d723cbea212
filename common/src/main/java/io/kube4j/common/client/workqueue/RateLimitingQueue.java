package io.kube4j.common.client.workqueue;

/**
 * A {@link DelayingQueue} that retries keys after the delay its {@link RateLimiter} chooses: the
 * queue a controller's workers use (get, sync, then {@link #forget} on success or
 * {@link #addRateLimited} on failure, then {@link #done} in every case).
 */
public interface RateLimitingQueue<K> extends DelayingQueue<K> {

    /**
     * Adds {@code key} after the limiter's delay for it, which also records one more failure of the
     * key. Ignored, without touching the limiter, once the queue is shutting down.
     */
    void addRateLimited(K key);

    /**
     * Tells the limiter to stop tracking {@code key}, resetting its backoff. Call it when the key
     * was handled successfully; it does not remove the key from the queue.
     */
    void forget(K key);

    /** How many times the limiter has delayed {@code key} since it was last forgotten. */
    int numRequeues(K key);
}
