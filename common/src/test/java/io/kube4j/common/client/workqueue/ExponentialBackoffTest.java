package io.kube4j.common.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExponentialBackoffTest {

    private final RateLimiter<String> limiter =
            RateLimiters.exponentialBackoff(RateLimiters.DEFAULT_BASE_DELAY, RateLimiters.DEFAULT_MAX_DELAY);

    @ParameterizedTest(name = "failure #{0} waits {1} ms: {2}")
    @CsvSource(delimiter = '|', textBlock = """
              1 |       5 | 5ms * 2^0
              2 |      10 | 5ms * 2^1
              3 |      20 | 5ms * 2^2
              4 |      40 | 5ms * 2^3
             11 |    5120 | 5ms * 2^10 = 5.12s
             17 |  327680 | 5ms * 2^16 = 327.68s
             18 |  655360 | 5ms * 2^17 = 655.36s
             19 | 1000000 | 5ms * 2^18 = 1310.72s, capped at 1000s
             42 | 1000000 | 5ms * 2^41 would overflow a long of nanoseconds: capped
            200 | 1000000 | stays capped
            """)
    void doublesFromFiveMillisecondsPerFailureUpToOneThousandSeconds(int failure, long expectedMillis, String arithmetic) {
        Duration delay = Duration.ZERO;
        for (int i = 0; i < failure; i++) {
            delay = limiter.when("ns/a");
        }

        assertThat(delay).isEqualTo(Duration.ofMillis(expectedMillis));
        assertThat(limiter.retries("ns/a")).isEqualTo(failure);
    }

    @ParameterizedTest(name = "base {0} ns after {1} earlier failures -> {2} ns: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            1 |          0 |                   1 | 1ns * 2^0
            1 |         62 | 4611686018427387904 | 1ns * 2^62: the last shift that fits in a long
            1 |         63 | 9000000000000000000 | 2^63 would overflow: max
            5 |         60 | 5764607523034234880 | 5ns * 2^60 (5 has 61 leading zeros)
            5 |         61 | 9000000000000000000 | 5ns * 2^61 would overflow: max
            1 | 2147483647 | 9000000000000000000 | no wrap-around for the largest count
            0 |         70 |                   0 | a zero base never grows
            """)
    void theBackoffFunctionCapsInsteadOfOverflowing(long baseNanos, int earlierFailures, long expectedNanos, String arithmetic) {
        Duration max = Duration.ofNanos(9_000_000_000_000_000_000L);

        assertThat(ExponentialBackoff.backoff(Duration.ofNanos(baseNanos), max, earlierFailures))
                .isEqualTo(Duration.ofNanos(expectedNanos));
    }

    @Test
    void forgetStartsTheKeyOverFromTheBaseDelay() {
        limiter.when("ns/a"); // 5ms
        limiter.when("ns/a"); // 10ms
        limiter.when("ns/a"); // 20ms

        limiter.forget("ns/a");

        assertThat(limiter.retries("ns/a")).isZero();
        assertThat(limiter.when("ns/a")).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void eachKeyBacksOffOnItsOwn() {
        limiter.when("ns/a"); // 5ms
        limiter.when("ns/a"); // 10ms

        assertThat(limiter.when("ns/b")).isEqualTo(Duration.ofMillis(5));
        assertThat(limiter.when("ns/a")).isEqualTo(Duration.ofMillis(20));
        assertThat(limiter.retries("ns/b")).isEqualTo(1);
    }

    @Test
    void rejectsAMaximumBelowTheBase() {
        assertThatThrownBy(() -> RateLimiters.exponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exponential backoff");
    }
}
