package io.kube4j.common.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private final WorkQueue<String> queue = WorkQueues.newQueue("test");

    @Test
    void queuesAKeyOnceUntilItIsTakenAndHandsKeysOutInFirstAddedOrder() throws Exception {
        queue.add("ns/a");
        queue.add("ns/b");
        queue.add("ns/a");

        assertThat(queue.length()).isEqualTo(2);
        assertThat(queue.addsTotal()).isEqualTo(2);
        assertThat(queue.get()).isEqualTo("ns/a");
        assertThat(queue.get()).isEqualTo("ns/b");
        assertThat(queue.length()).isZero();
    }

    @Test
    void aKeyAddedWhileProcessingIsQueuedAgainOnceWhenDone() throws Exception {
        queue.add("ns/a");
        assertThat(queue.get()).isEqualTo("ns/a");

        queue.add("ns/a");
        queue.add("ns/a");
        assertThat(queue.length()).as("a processing key is not handed to a second worker").isZero();
        assertThat(queue.poll(Duration.ZERO)).isEmpty();

        queue.done("ns/a");
        assertThat(queue.length()).isEqualTo(1);
        assertThat(queue.get()).isEqualTo("ns/a");
        assertThat(queue.addsTotal()).as("first add + one dirty mark; the third add was de-duplicated").isEqualTo(2);
    }

    @Test
    void aKeyRequeuedByDoneGoesBehindKeysAlreadyQueued() throws Exception {
        queue.add("ns/a");
        queue.get();
        queue.add("ns/a");
        queue.add("ns/b");

        queue.done("ns/a");

        assertThat(List.of(queue.get(), queue.get())).containsExactly("ns/b", "ns/a");
    }

    @Test
    void aKeyDoneWithoutBeingAddedAgainLeavesTheQueue() throws Exception {
        queue.add("ns/a");
        queue.done(queue.get());

        assertThat(queue.length()).isZero();
        assertThat(queue.poll(Duration.ZERO)).isEmpty();
    }

    @Test
    void doneForAKeyThatIsNotProcessingChangesNothing() throws Exception {
        queue.add("ns/a");
        queue.done("ns/a");
        queue.done("ns/never-added");

        assertThat(queue.length()).isEqualTo(1);
        assertThat(queue.get()).isEqualTo("ns/a");
        assertThat(queue.poll(Duration.ZERO)).as("done must not have queued a second copy").isEmpty();
    }

    @Test
    void pollReturnsEmptyWhenNothingArrivesInTimeAndTheKeyWhenOneIsQueued() throws Exception {
        assertThat(queue.poll(Duration.ofMillis(20))).isEmpty();

        queue.add("ns/a");

        assertThat(queue.poll(Duration.ofMillis(20))).contains("ns/a");
    }

    @Test
    void aWaitingGetterWakesWhenAKeyIsAdded() throws Exception {
        Background<String> getter = Background.start("getter", queue::get).awaitBlocked();

        queue.add("ns/a");

        assertThat(getter.result()).isEqualTo("ns/a");
    }

    @Test
    void aWaitingPollWakesWhenAKeyIsAdded() throws Exception {
        Background<?> poller = Background.start("poller", () -> queue.poll(Eventually.DEADLINE)).awaitBlocked();

        queue.add("ns/a");

        assertThat(poller.result()).isEqualTo(Optional.of("ns/a"));
    }

    @Test
    void everyWaitingGetterWakesOnShutDownAndLearnsToExit() throws Exception {
        List<Background<String>> getters = List.of(
                Background.start("getter-1", queue::get).awaitBlocked(),
                Background.start("getter-2", queue::get).awaitBlocked(),
                Background.start("getter-3", queue::get).awaitBlocked());
        Background<?> poller = Background.start("poller", () -> queue.poll(Eventually.DEADLINE)).awaitBlocked();

        queue.shutDown();

        for (Background<String> getter : getters) {
            assertThatThrownBy(getter::result).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(QueueShutDownException.class).hasMessageContaining("test");
        }
        assertThatThrownBy(poller::result).cause().isInstanceOf(QueueShutDownException.class);
    }

    @Test
    void afterShutDownAddsAreIgnoredButQueuedKeysAreStillHandedOut() throws Exception {
        queue.add("ns/a");
        queue.add("ns/b");

        queue.shutDown();
        queue.add("ns/c");

        assertThat(queue.isShuttingDown()).isTrue();
        assertThat(queue.length()).isEqualTo(2);
        assertThat(queue.get()).isEqualTo("ns/a");
        assertThat(queue.get()).isEqualTo("ns/b");
        assertThatThrownBy(queue::get).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(() -> queue.poll(Duration.ofSeconds(1))).isInstanceOf(QueueShutDownException.class);
    }

    @Test
    void aKeyMarkedDirtyBeforeShutDownIsHandedOutAgainAfterDone() throws Exception {
        queue.add("ns/a");
        queue.get();
        queue.add("ns/a");
        queue.shutDown();

        queue.done("ns/a");

        assertThat(queue.get()).isEqualTo("ns/a");
    }

    @Test
    void shutDownWithDrainWaitsUntilEveryTakenKeyIsDone() throws Exception {
        queue.add("ns/a");
        queue.add("ns/b");
        queue.get();
        queue.get();

        Background<Boolean> drain = Background.start("drain", () -> {
            queue.shutDownWithDrain();
            return true;
        }).awaitBlocked();
        assertThat(queue.isShuttingDown()).isTrue();

        queue.done("ns/a");
        assertThat(drain.isDone()).as("ns/b is still processing").isFalse();

        queue.done("ns/b");
        assertThat(drain.result()).isTrue();
    }

    @Test
    void shutDownWithDrainGivesUpAtTheTimeoutWhileWorkIsInFlight() throws Exception {
        queue.add("ns/a");
        queue.get();

        assertThat(queue.shutDownWithDrain(Duration.ofMillis(20))).isFalse();
        assertThat(queue.isShuttingDown()).isTrue();

        queue.done("ns/a");
        assertThat(queue.shutDownWithDrain(Duration.ZERO)).isTrue();
    }

    @Test
    void shutDownWithDrainDoesNotWaitForKeysThatWereNeverTaken() throws Exception {
        queue.add("ns/a");

        assertThat(queue.shutDownWithDrain(Duration.ZERO)).isTrue();
        assertThat(queue.get()).isEqualTo("ns/a");
    }

    @Test
    void anInterruptedGetterThrowsInterruptedException() throws Exception {
        Background<String> getter = Background.start("getter", queue::get).awaitBlocked();

        getter.interrupt();

        assertThatThrownBy(getter::result).cause().isInstanceOf(InterruptedException.class);
    }

    @Test
    void rejectsNullKeysNamingTheQueue() {
        assertThatThrownBy(() -> queue.add(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("work queue test");
    }
}
