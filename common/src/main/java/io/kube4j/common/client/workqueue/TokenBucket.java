package io.kube4j.common.client.workqueue;

import java.time.Duration;
import java.util.Objects;

/**
 * An overall limit for all keys together: a bucket of {@code burst} tokens refilled at {@code qps}
 * tokens a second. Each {@link #when} takes a token, running into debt when there is none, and
 * returns how long until that token exists, as Go's {@code rate.Limiter.Reserve().Delay()}.
 */
final class TokenBucket<K> implements RateLimiter<K> {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double qps;
    private final int burst;
    private final Ticker ticker;
    private double tokens;
    private long lastNanos;

    TokenBucket(double qps, int burst, Ticker ticker) {
        if (!(qps > 0) || Double.isInfinite(qps) || burst < 1) {
            throw new IllegalArgumentException("token bucket: need qps > 0 and burst >= 1, got qps "
                    + qps + ", burst " + burst);
        }
        this.qps = qps;
        this.burst = burst;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.tokens = burst;
        this.lastNanos = ticker.nanoTime();
    }

    @Override
    public synchronized Duration when(K key) {
        long now = ticker.nanoTime();
        tokens = refill(tokens, now - lastNanos, qps, burst) - 1;
        lastNanos = now;
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / qps * NANOS_PER_SECOND));
    }

    /** The tokens after {@code elapsedNanos} at {@code qps}, never more than {@code burst}. */
    static double refill(double tokens, long elapsedNanos, double qps, int burst) {
        return Math.min(burst, tokens + elapsedNanos * qps / NANOS_PER_SECOND);
    }

    @Override
    public void forget(K key) {
        // An overall limit keeps no state per key.
    }

    @Override
    public int retries(K key) {
        return 0;
    }
}
