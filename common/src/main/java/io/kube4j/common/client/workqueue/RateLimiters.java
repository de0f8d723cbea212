package io.kube4j.common.client.workqueue;

import java.time.Duration;
import java.util.List;

/** Builds the {@link RateLimiter}s; the defaults are client-go's. */
public final class RateLimiters {

    /** The first retry's delay in {@link #defaultControllerRateLimiter()}. */
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(5);
    /** The longest per-key delay in {@link #defaultControllerRateLimiter()}. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(1000);
    /** Retries a second, over all keys, in {@link #defaultControllerRateLimiter()}. */
    public static final double DEFAULT_QPS = 10;
    /** Retries allowed at once before {@link #DEFAULT_QPS} applies. */
    public static final int DEFAULT_BURST = 100;

    private RateLimiters() {
    }

    /**
     * Per-key exponential backoff: a key's n-th failure waits {@code base * 2^(n-1)}, at most
     * {@code max}; {@link RateLimiter#forget} starts the key over.
     */
    public static <K> RateLimiter<K> exponentialBackoff(Duration base, Duration max) {
        return new ExponentialBackoff<>(base, max);
    }

    /** An overall limit of {@code qps} retries a second after a burst of {@code burst}, on the system clock. */
    public static <K> RateLimiter<K> tokenBucket(double qps, int burst) {
        return tokenBucket(qps, burst, Ticker.system());
    }

    /** Same as {@link #tokenBucket(double, int)}, reading time from {@code ticker}. */
    public static <K> RateLimiter<K> tokenBucket(double qps, int burst, Ticker ticker) {
        return new TokenBucket<>(qps, burst, ticker);
    }

    /** The longest delay of all the given limiters; each of them sees every call. */
    public static <K> RateLimiter<K> maxOf(List<RateLimiter<K>> limiters) {
        return new MaxOf<>(limiters);
    }

    /**
     * client-go's DefaultControllerRateLimiter: the longer of a per-key backoff from 5 ms to
     * 1000 s and an overall 10 retries a second after a burst of 100.
     */
    public static <K> RateLimiter<K> defaultControllerRateLimiter() {
        return defaultControllerRateLimiter(Ticker.system());
    }

    /** Same as {@link #defaultControllerRateLimiter()}, reading time from {@code ticker}. */
    public static <K> RateLimiter<K> defaultControllerRateLimiter(Ticker ticker) {
        return maxOf(List.of(
                exponentialBackoff(DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY),
                tokenBucket(DEFAULT_QPS, DEFAULT_BURST, ticker)));
    }
}
