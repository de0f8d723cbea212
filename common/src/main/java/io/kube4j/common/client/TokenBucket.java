package io.kube4j.common.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The client-side rate limit: a bucket of {@code burst} tokens refilled at {@code qps} per second,
 * one token per request. Like client-go's limiter, a request that finds the bucket empty
 * <em>reserves</em> a future token (the count goes negative) and waits outside the lock, so
 * concurrent callers queue up fairly and each wait is known at once. Thread-safe.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double qps;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    /**
     * @param qps      tokens added per second; {@code <= 0} disables the limit
     * @param burst    the bucket's size, which it starts full at
     * @param nanoTime a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    TokenBucket(double qps, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        this.qps = qps;
        this.burst = Math.max(1, burst);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = this.burst;
        this.last = nanoTime.getAsLong();
    }

    boolean enabled() {
        return qps > 0;
    }

    /** Takes a token, waiting until it is due. */
    void acquire() throws InterruptedException {
        Duration wait = reserve();
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** Takes a token now and answers how long the caller must wait before using it. */
    synchronized Duration reserve() {
        if (!enabled()) {
            return Duration.ZERO;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * qps / NANOS_PER_SECOND);
        last = now;
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        // the deficit is paid off at qps tokens per second
        return Duration.ofNanos(Math.round(-tokens * NANOS_PER_SECOND / qps));
    }
}
