package io.kube4j.common.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaxOfTest {

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void waitsTheLongerOfThePerKeyBackoffAndTheOverallBucket() {
        // Per key 5ms doubling; overall 1 token a second after a burst of 2.
        RateLimiter<String> limiter = RateLimiters.maxOf(List.of(
                RateLimiters.exponentialBackoff(Duration.ofMillis(5), Duration.ofSeconds(1000)),
                RateLimiters.tokenBucket(1, 2, ticker)));

        assertThat(limiter.when("ns/a")).isEqualTo(Duration.ofMillis(5));   // max(5ms, 0)
        assertThat(limiter.when("ns/a")).isEqualTo(Duration.ofMillis(10));  // max(10ms, 0)
        assertThat(limiter.when("ns/a")).isEqualTo(Duration.ofSeconds(1));  // max(20ms, 1 token of debt = 1s)
        assertThat(limiter.retries("ns/a")).isEqualTo(3);                   // max(3, 0)

        limiter.forget("ns/a"); // resets the backoff, not the bucket's debt
        assertThat(limiter.retries("ns/a")).isZero();
        assertThat(limiter.when("ns/a")).isEqualTo(Duration.ofSeconds(2));  // max(5ms, 2 tokens of debt = 2s)
    }

    @Test
    void theDefaultControllerLimiterBacksOffPerKeyUntilAHundredRetriesSpendTheBurst() {
        RateLimiter<String> limiter = RateLimiters.defaultControllerRateLimiter(ticker);

        assertThat(limiter.when("ns/a")).isEqualTo(Duration.ofMillis(5));
        assertThat(limiter.when("ns/a")).isEqualTo(Duration.ofMillis(10));
        for (int i = 3; i <= 100; i++) {
            limiter.when("ns/key-" + i); // 98 more first failures, 5ms each: the burst of 100 is spent
        }

        assertThat(limiter.when("ns/b")).isEqualTo(Duration.ofMillis(100)); // max(5ms, 1 token of debt at 10 qps)
        assertThat(limiter.when("ns/a")).isEqualTo(Duration.ofMillis(200)); // max(20ms, 2 tokens of debt)
        assertThat(limiter.retries("ns/a")).isEqualTo(3);
    }

    @Test
    void needsAtLeastOneLimiter() {
        assertThatThrownBy(() -> RateLimiters.<String>maxOf(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
