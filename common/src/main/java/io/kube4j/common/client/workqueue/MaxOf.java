package io.kube4j.common.client.workqueue;

import java.time.Duration;
import java.util.List;

/** The strictest of several limiters: the longest delay, the most retries; every limiter sees every call. */
final class MaxOf<K> implements RateLimiter<K> {

    private final List<RateLimiter<K>> limiters;

    MaxOf(List<RateLimiter<K>> limiters) {
        if (limiters.isEmpty()) {
            throw new IllegalArgumentException("max-of rate limiter: no limiters given");
        }
        this.limiters = List.copyOf(limiters);
    }

    @Override
    public Duration when(K key) {
        Duration longest = Duration.ZERO;
        for (RateLimiter<K> limiter : limiters) {
            Duration delay = limiter.when(key);
            if (delay.compareTo(longest) > 0) {
                longest = delay;
            }
        }
        return longest;
    }

    @Override
    public void forget(K key) {
        for (RateLimiter<K> limiter : limiters) {
            limiter.forget(key);
        }
    }

    @Override
    public int retries(K key) {
        int most = 0;
        for (RateLimiter<K> limiter : limiters) {
            most = Math.max(most, limiter.retries(key));
        }
        return most;
    }
}
