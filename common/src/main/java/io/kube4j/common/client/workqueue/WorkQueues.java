package io.kube4j.common.client.workqueue;

/**
 * Builds work queues. The name appears in logs, thread names and metrics: use the controller's
 * name ({@code "replicaset"}). Delaying and rate-limiting queues own one daemon thread each, which
 * ends when the queue is shut down.
 */
public final class WorkQueues {

    private WorkQueues() {
    }

    /** A plain de-duplicating queue. */
    public static <K> WorkQueue<K> newQueue(String name) {
        return new DefaultWorkQueue<>(name);
    }

    /** A queue that can also add keys after a delay, timed by the system clock. */
    public static <K> DelayingQueue<K> newDelayingQueue(String name) {
        return newDelayingQueue(name, Ticker.system());
    }

    /** A queue that can also add keys after a delay, timed by {@code ticker}. */
    public static <K> DelayingQueue<K> newDelayingQueue(String name, Ticker ticker) {
        return new DefaultDelayingQueue<>(new DefaultWorkQueue<K>(name), ticker).start();
    }

    /** A controller's queue: retries wait as {@code limiter} decides, timed by the system clock. */
    public static <K> RateLimitingQueue<K> newRateLimitingQueue(String name, RateLimiter<K> limiter) {
        return newRateLimitingQueue(name, limiter, Ticker.system());
    }

    /**
     * A controller's queue timed by {@code ticker}; give the limiter the same ticker. The delay
     * thread waits in real time for the next due key, looking at the ticker again at least every
     * 10 seconds and whenever a key due sooner is added, so a fake ticker's jump is seen then.
     */
    public static <K> RateLimitingQueue<K> newRateLimitingQueue(String name, RateLimiter<K> limiter, Ticker ticker) {
        return new DefaultRateLimitingQueue<>(newDelayingQueue(name, ticker), limiter);
    }
}
