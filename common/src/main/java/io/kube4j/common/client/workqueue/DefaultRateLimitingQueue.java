package io.kube4j.common.client.workqueue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The rate-limiting layer: a {@link DelayingQueue} whose retry delays come from a {@link RateLimiter}. */
final class DefaultRateLimitingQueue<K> implements RateLimitingQueue<K> {

    private final DelayingQueue<K> queue;
    private final RateLimiter<K> limiter;

    DefaultRateLimitingQueue(DelayingQueue<K> queue, RateLimiter<K> limiter) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.limiter = Objects.requireNonNull(limiter, "rate limiter");
    }

    @Override
    public void addRateLimited(K key) {
        Objects.requireNonNull(key, () -> "work queue " + name() + ": null key");
        if (queue.isShuttingDown()) {
            return; // do not count a failure for a retry that will never happen
        }
        queue.addAfter(key, limiter.when(key));
    }

    @Override
    public void forget(K key) {
        limiter.forget(key);
    }

    @Override
    public int numRequeues(K key) {
        return limiter.retries(key);
    }

    @Override
    public void addAfter(K key, Duration delay) {
        queue.addAfter(key, delay);
    }

    @Override
    public long retriesTotal() {
        return queue.retriesTotal();
    }

    @Override
    public void add(K key) {
        queue.add(key);
    }

    @Override
    public K get() throws InterruptedException, QueueShutDownException {
        return queue.get();
    }

    @Override
    public Optional<K> poll(Duration timeout) throws InterruptedException, QueueShutDownException {
        return queue.poll(timeout);
    }

    @Override
    public void done(K key) {
        queue.done(key);
    }

    @Override
    public int length() {
        return queue.length();
    }

    @Override
    public void shutDown() {
        queue.shutDown();
    }

    @Override
    public void shutDownWithDrain() throws InterruptedException {
        queue.shutDownWithDrain();
    }

    @Override
    public boolean shutDownWithDrain(Duration timeout) throws InterruptedException {
        return queue.shutDownWithDrain(timeout);
    }

    @Override
    public boolean isShuttingDown() {
        return queue.isShuttingDown();
    }

    @Override
    public String name() {
        return queue.name();
    }

    @Override
    public long addsTotal() {
        return queue.addsTotal();
    }

    @Override
    public String toString() {
        return "RateLimitingQueue[" + name() + "]";
    }
}
