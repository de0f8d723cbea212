package io.kube4j.common.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Most tests move due keys by hand ({@code addDueKeys}) under a fake ticker: no delay thread, no sleeps. */
class DelayingQueueTest {

    private final FakeTicker ticker = new FakeTicker();
    private final DefaultDelayingQueue<String> queue = new DefaultDelayingQueue<>(new DefaultWorkQueue<>("delaying"), ticker);

    @Test
    void addsAKeyOnlyOnceItsDelayHasPassed() {
        queue.addAfter("ns/a", Duration.ofMillis(10));
        assertThat(queue.addDueKeys()).isZero();
        assertThat(queue.length()).isZero();
        assertThat(queue.waitingLength()).isEqualTo(1);

        ticker.advance(Duration.ofMillis(9));
        assertThat(queue.addDueKeys()).isZero();

        ticker.advance(Duration.ofMillis(1));
        assertThat(queue.addDueKeys()).isEqualTo(1);
        assertThat(queue.length()).isEqualTo(1);
        assertThat(queue.waitingLength()).isZero();
    }

    @Test
    void addsDueKeysInDueOrderAndEqualDueTimesInRequestOrder() throws Exception {
        queue.addAfter("ns/c", Duration.ofMillis(30));
        queue.addAfter("ns/a", Duration.ofMillis(10));
        queue.addAfter("ns/b", Duration.ofMillis(20));
        queue.addAfter("ns/d", Duration.ofMillis(20));

        ticker.advance(Duration.ofSeconds(1));
        assertThat(queue.addDueKeys()).isEqualTo(4);

        assertThat(List.of(queue.get(), queue.get(), queue.get(), queue.get()))
                .containsExactly("ns/a", "ns/b", "ns/d", "ns/c");
    }

    @Test
    void addsOnlyTheKeysThatAreDueAndLeavesTheRestWaiting() throws Exception {
        queue.addAfter("ns/late", Duration.ofSeconds(60));
        queue.addAfter("ns/soon", Duration.ofSeconds(1));

        ticker.advance(Duration.ofSeconds(30));

        assertThat(queue.addDueKeys()).isEqualTo(1);
        assertThat(queue.get()).isEqualTo("ns/soon");
        assertThat(queue.waitingLength()).isEqualTo(1);
    }

    @Test
    void aKeyAskedForAgainKeepsTheEarlierDueTime() {
        queue.addAfter("ns/a", Duration.ofMillis(50));
        queue.addAfter("ns/a", Duration.ofMillis(10)); // earlier: replaces 50ms
        queue.addAfter("ns/a", Duration.ofMillis(100)); // later: ignored
        assertThat(queue.waitingLength()).isEqualTo(1);

        ticker.advance(Duration.ofMillis(10));
        assertThat(queue.addDueKeys()).isEqualTo(1);

        ticker.advance(Duration.ofMillis(100));
        assertThat(queue.addDueKeys()).as("the superseded 50ms entry is not added again").isZero();
        assertThat(queue.length()).isEqualTo(1);
        assertThat(queue.retriesTotal()).isEqualTo(3);
    }

    @ParameterizedTest(name = "delay {0} ms")
    @ValueSource(longs = {0, -5})
    void aZeroOrNegativeDelayAddsTheKeyAtOnce(long millis) {
        queue.addAfter("ns/a", Duration.ofMillis(millis));

        assertThat(queue.length()).isEqualTo(1);
        assertThat(queue.waitingLength()).isZero();
        assertThat(queue.retriesTotal()).isEqualTo(1);
    }

    @Test
    void aDueKeyIsDeDuplicatedWithTheSameKeyAlreadyQueued() {
        queue.add("ns/a");
        queue.addAfter("ns/a", Duration.ofMillis(10));

        ticker.advance(Duration.ofMillis(10));
        queue.addDueKeys();

        assertThat(queue.length()).isEqualTo(1);
        assertThat(queue.addsTotal()).isEqualTo(1);
    }

    @Test
    void aPlainAddOfAWaitingKeyQueuesItNowAndTheDelayedAddStillHappens() throws Exception {
        queue.addAfter("ns/a", Duration.ofMillis(10));
        queue.add("ns/a");
        queue.done(queue.get());

        ticker.advance(Duration.ofMillis(10));
        queue.addDueKeys();

        assertThat(queue.get()).isEqualTo("ns/a");
    }

    @Test
    void aHugeDelayWaitsWithoutOverflowing() {
        queue.addAfter("ns/a", Duration.ofDays(365L * 1000));
        queue.addAfter("ns/b", Duration.ofDays(1));

        ticker.advance(Duration.ofDays(2));

        assertThat(queue.addDueKeys()).isEqualTo(1);
        assertThat(queue.waitingLength()).isEqualTo(1);
    }

    @Test
    void shutDownDropsWaitingKeysAndLaterAddAfterIsIgnored() {
        queue.addAfter("ns/a", Duration.ofMillis(10));

        queue.shutDown();
        queue.addAfter("ns/b", Duration.ZERO);
        queue.addAfter("ns/c", Duration.ofMillis(10));
        ticker.advance(Duration.ofSeconds(1));

        assertThat(queue.addDueKeys()).isZero();
        assertThat(queue.waitingLength()).isZero();
        assertThat(queue.retriesTotal()).isEqualTo(1);
        assertThatThrownBy(queue::get).isInstanceOf(QueueShutDownException.class);
    }

    @Test
    void theDelayThreadHandsTheKeyToAWaitingGetterWhenTheTickerPassesItsDueTime() throws Exception {
        ticker.onAdvance(queue::wakeUp);
        queue.start();
        Background<String> getter = Background.start("getter", queue::get).awaitBlocked();

        queue.addAfter("ns/a", Duration.ofMinutes(1));
        ticker.advance(Duration.ofSeconds(59));
        assertThat(queue.waitingLength()).isEqualTo(1);

        ticker.advance(Duration.ofSeconds(1));
        assertThat(getter.result()).isEqualTo("ns/a");
        queue.shutDown();
    }

    @Test
    void theDelayThreadFollowsTheSystemClockAndEndsOnShutDown() throws Exception {
        DelayingQueue<String> real = WorkQueues.newDelayingQueue("real-clock");
        long start = System.nanoTime();

        real.addAfter("ns/a", Duration.ofMillis(5));

        assertThat(real.poll(Eventually.DEADLINE)).contains("ns/a");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(5));
        real.shutDown();
        Eventually.await("the delay thread ends", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("workqueue-real-clock-delay")));
    }
}
