package io.kube4j.common.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitingQueueTest {

    private final FakeTicker ticker = new FakeTicker();
    private final DefaultDelayingQueue<String> delaying = new DefaultDelayingQueue<>(new DefaultWorkQueue<>("limited"), ticker);
    private final RateLimitingQueue<String> queue = new DefaultRateLimitingQueue<>(delaying,
            RateLimiters.exponentialBackoff(Duration.ofMillis(5), Duration.ofSeconds(1000)));

    @Test
    void retriesAKeyAfterItsBackoffAndForgetStartsItOver() throws Exception {
        queue.addRateLimited("ns/a"); // 1st failure: 5ms
        ticker.advance(Duration.ofMillis(4));
        assertThat(delaying.addDueKeys()).isZero();
        ticker.advance(Duration.ofMillis(1));
        assertThat(delaying.addDueKeys()).isEqualTo(1);
        String key = queue.get();

        queue.addRateLimited(key); // 2nd failure: 10ms
        queue.done(key);
        assertThat(queue.numRequeues("ns/a")).isEqualTo(2);
        ticker.advance(Duration.ofMillis(9));
        assertThat(delaying.addDueKeys()).isZero();
        ticker.advance(Duration.ofMillis(1));
        assertThat(delaying.addDueKeys()).isEqualTo(1);

        queue.forget("ns/a");
        assertThat(queue.numRequeues("ns/a")).isZero();
        assertThat(queue.retriesTotal()).isEqualTo(2);
        assertThat(queue.length()).as("forget does not remove the key from the queue").isEqualTo(1);
    }

    @Test
    void aRetryAfterShutDownIsDroppedWithoutCountingAFailure() {
        queue.shutDown();

        queue.addRateLimited("ns/a");

        assertThat(queue.numRequeues("ns/a")).isZero();
        assertThat(queue.retriesTotal()).isZero();
        assertThat(delaying.waitingLength()).isZero();
    }

    @Test
    void theFactoryQueueWithTheDefaultLimiterRetriesOnTheSystemClock() throws Exception {
        RateLimitingQueue<String> real = WorkQueues.newRateLimitingQueue("controller",
                RateLimiters.defaultControllerRateLimiter());

        real.addRateLimited("ns/a");

        assertThat(real.name()).isEqualTo("controller");
        assertThat(real.poll(Eventually.DEADLINE)).contains("ns/a");
        assertThat(real.numRequeues("ns/a")).isEqualTo(1);
        real.shutDown();
    }
}
