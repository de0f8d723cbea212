package io.kube4j.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenBucketTest {

    final AtomicLong nanos = new AtomicLong();
    final List<Duration> slept = new ArrayList<>();

    /**
     * Requests at the given milliseconds; each answer is how long that request waits.
     * The bucket starts full with {@code burst} tokens and gains {@code qps} per second; an empty
     * bucket lends the next token, so the count goes negative and waits add up.
     */
    @ParameterizedTest(name = "qps {0} burst {1} at {2} ms")
    @CsvSource(delimiter = '|', textBlock = """
            # qps | burst | request times (ms) | waits (ms)
            10    | 2     | 0 0 0 0            | 0 0 100 200
            10    | 2     | 0 0 100 200        | 0 0 0 0
            10    | 2     | 0 0 50 50          | 0 0 50 150
            10    | 2     | 0 0 0 1000 1000    | 0 0 100 0 0
            10    | 2     | 0 0 0 1000 1000 1000 | 0 0 100 0 0 100
            50    | 100   | 0                  | 0
            1     | 1     | 0 0 0 500          | 0 1000 2000 2500
            0.5   | 1     | 0 0                | 0 2000
            2.5   | 1     | 0 0 0              | 0 400 800
            """)
    void waitsAsTheTokenArithmeticSays(double qps, int burst, String times, String waits) {
        TokenBucket bucket = new TokenBucket(qps, burst, nanos::get, slept::add);
        List<Long> answered = new ArrayList<>();
        for (String at : times.split(" ")) {
            nanos.set(Duration.ofMillis(Long.parseLong(at)).toNanos());
            answered.add(bucket.reserve().toMillis());
        }
        assertThat(answered).containsExactlyElementsOf(
                Arrays.stream(waits.split(" ")).map(Long::parseLong).toList());
    }

    @Test
    void aRateOfZeroOrLessNeverWaits() {
        for (double qps : new double[] {0, -1}) {
            TokenBucket bucket = new TokenBucket(qps, 1, nanos::get, slept::add);
            for (int i = 0; i < 1000; i++) {
                assertThat(bucket.reserve()).isZero();
            }
        }
    }

    @Test
    void acquireSleepsOnlyForABorrowedToken() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(4, 1, nanos::get, slept::add);

        bucket.acquire();
        bucket.acquire();
        bucket.acquire();

        // first token from the full bucket, the next two at 250 ms intervals
        assertThat(slept).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }
}
