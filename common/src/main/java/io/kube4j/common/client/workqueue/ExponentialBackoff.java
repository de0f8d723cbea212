package io.kube4j.common.client.workqueue;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Per-key backoff: the n-th failure of a key waits {@code base * 2^(n-1)}, capped at {@code max}. */
final class ExponentialBackoff<K> implements RateLimiter<K> {

    private final Duration base;
    private final Duration max;
    private final ConcurrentHashMap<K, Integer> failures = new ConcurrentHashMap<>();

    ExponentialBackoff(Duration base, Duration max) {
        this.base = Objects.requireNonNull(base, "base delay");
        this.max = Objects.requireNonNull(max, "max delay");
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("exponential backoff: need 0 <= base <= max, got base "
                    + base + ", max " + max);
        }
        base.toNanos(); // fails now, not on the first failure, if the base does not fit in nanoseconds
    }

    @Override
    public Duration when(K key) {
        int earlierFailures = failures.merge(key, 1, (n, one) -> n == Integer.MAX_VALUE ? n : n + one) - 1;
        return backoff(base, max, earlierFailures);
    }

    @Override
    public void forget(K key) {
        failures.remove(key);
    }

    @Override
    public int retries(K key) {
        return failures.getOrDefault(key, 0);
    }

    /** {@code base * 2^earlierFailures}, capped at {@code max}: 5ms, 10ms, 20ms, ... for a 5ms base. */
    static Duration backoff(Duration base, Duration max, int earlierFailures) {
        long baseNanos = base.toNanos();
        if (baseNanos == 0) {
            return Duration.ZERO;
        }
        // base < 2^(64 - leadingZeros), so base << n stays below 2^63 while n < leadingZeros.
        if (earlierFailures >= Long.numberOfLeadingZeros(baseNanos)) {
            return max;
        }
        Duration delay = Duration.ofNanos(baseNanos << earlierFailures);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
