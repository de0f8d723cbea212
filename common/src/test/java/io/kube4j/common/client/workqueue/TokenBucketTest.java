package io.kube4j.common.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** client-go's defaults: 10 tokens a second, a bucket of 100, so 100 ms per token once the burst is spent. */
class TokenBucketTest {

    private final FakeTicker ticker = new FakeTicker();
    private final RateLimiter<String> bucket =
            RateLimiters.tokenBucket(RateLimiters.DEFAULT_QPS, RateLimiters.DEFAULT_BURST, ticker);

    @Test
    void letsABurstOfAHundredThroughThenOneTokenEveryHundredMilliseconds() {
        for (int i = 0; i < 100; i++) {
            assertThat(bucket.when("ns/key-" + i)).as("call %d", i + 1).isZero();
        }

        assertThat(bucket.when("ns/a")).isEqualTo(Duration.ofMillis(100)); // 1 token of debt / 10 qps
        assertThat(bucket.when("ns/b")).isEqualTo(Duration.ofMillis(200)); // 2 tokens of debt
        assertThat(bucket.when("ns/c")).isEqualTo(Duration.ofMillis(300)); // 3 tokens of debt
    }

    @ParameterizedTest(name = "after the burst, {0} ms later, call #{1} waits {2} ms: {3}")
    @CsvSource(delimiter = '|', textBlock = """
                100 |   1 |   0 | 100ms refills 1 token
                100 |   2 | 100 | the 2nd call borrows: 1 token / 10 qps
               1000 |  10 |   0 | 1s refills 10 tokens
               1000 |  11 | 100 | the 11th borrows: 1 token / 10 qps
                 50 |   1 |  50 | half a token refilled: the other half takes 50ms
            3600000 | 100 |   0 | an hour refills only up to the burst of 100
            3600000 | 101 | 100 | then 1 token of debt, as after any burst
            """)
    void refillsAtTenTokensASecondUpToTheBurst(long waitedMillis, int calls, long expectedMillis, String arithmetic) {
        spendTheBurst();
        ticker.advance(Duration.ofMillis(waitedMillis));

        Duration delay = Duration.ZERO;
        for (int i = 0; i < calls; i++) {
            delay = bucket.when("ns/a");
        }

        assertThat(delay).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void debtIsPaidBackAsTimePasses() {
        spendTheBurst();
        assertThat(bucket.when("ns/a")).isEqualTo(Duration.ofMillis(100)); // debt 1
        assertThat(bucket.when("ns/a")).isEqualTo(Duration.ofMillis(200)); // debt 2

        ticker.advance(Duration.ofMillis(200)); // debt 0

        assertThat(bucket.when("ns/a")).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void tracksNoKeys() {
        bucket.when("ns/a");
        bucket.forget("ns/a");

        assertThat(bucket.retries("ns/a")).isZero();
    }

    @Test
    void rejectsANonPositiveRateOrBurst() {
        assertThatThrownBy(() -> RateLimiters.tokenBucket(0, 10, ticker)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimiters.tokenBucket(Double.NaN, 10, ticker)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimiters.tokenBucket(10, 0, ticker))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token bucket");
    }

    private void spendTheBurst() {
        for (int i = 0; i < RateLimiters.DEFAULT_BURST; i++) {
            bucket.when("ns/burst");
        }
    }
}
