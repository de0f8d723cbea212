package io.kube4j.scheduler.queue;

import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulingQueueTest {

    final TestClock clock = new TestClock();
    final SchedulingQueue queue = SchedulingQueue.create(clock);

    QueuedPodInfo pop() throws InterruptedException {
        return queue.pop().orElseThrow();
    }

    List<String> drain() throws InterruptedException {
        List<String> names = new ArrayList<>();
        while (queue.lengths().active() > 0) {
            names.add(pop().podInfo().name());
        }
        return names;
    }

    @Test
    void popsTheHighestPriorityFirstThenTheOldest() throws Exception {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        queue.add(pod("low-old").priority(0).created(t).info());
        queue.add(pod("high-new").priority(100).created(t.plusSeconds(20)).info());
        queue.add(pod("low-new").priority(0).created(t.plusSeconds(10)).info());
        queue.add(pod("high-old").priority(100).created(t.plusSeconds(5)).info());
        queue.add(pod("low-same-second").priority(0).created(t.plusSeconds(10)).info());
        assertThat(drain()).containsExactly("high-old", "high-new", "low-old", "low-new", "low-same-second");
    }

    @ParameterizedTest(name = "attempt {0} backs off {1} s")
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "5, 10", "9, 10"})
    void backoffDoublesFromOneSecondToTen(int attempts, long seconds) {
        QueuedPodInfo pod = new QueuedPodInfo(pod("p").info(), 0, Instant.EPOCH, attempts, Instant.EPOCH, Instant.EPOCH);
        assertThat(pod.backoff()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void aFailedPodWaitsOutItsBackoffBeforeItIsActiveAgain() throws Exception {
        queue.add(pod("p").info());
        QueuedPodInfo first = pop();
        queue.addBackoff(first);
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 1, 0, 0));
        clock.advance(Duration.ofMillis(999));
        queue.flush();
        assertThat(queue.lengths().active()).isZero();
        clock.advance(Duration.ofMillis(1));
        queue.flush();
        QueuedPodInfo second = pop();
        assertThat(second.attempts()).isEqualTo(2);
        queue.addBackoff(second);
        clock.advance(Duration.ofMillis(1999)); // the second backoff is 2 s
        queue.flush();
        assertThat(queue.lengths().backoff()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        queue.flush();
        assertThat(queue.lengths().active()).isEqualTo(1);
    }

    @Test
    void unschedulablePodsParkUntilAClusterEvent() throws Exception {
        queue.add(pod("p").info());
        QueuedPodInfo pod = pop();
        queue.addUnschedulable(pod, queue.schedulingCycle());
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 0, 1, 0));
        clock.advance(Duration.ofSeconds(5)); // past its 1 s backoff
        queue.flush();
        assertThat(queue.lengths().unschedulable()).isEqualTo(1); // nothing happened: still parked
        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADDED);
        assertThat(queue.lengths().active()).isEqualTo(1);
    }

    @Test
    void aParkedPodMovedWhileStillBackingOffGoesToBackoff() throws Exception {
        queue.add(pod("p").info());
        queue.addUnschedulable(pop(), queue.schedulingCycle());
        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_CHANGED); // at once: its 1 s is not over
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 1, 0, 0));
    }

    @Test
    void parkedPodsAreRetriedAfterSixtySecondsEvenWithoutEvents() throws Exception {
        queue.add(pod("p").info());
        queue.addUnschedulable(pop(), queue.schedulingCycle());
        clock.advance(Duration.ofSeconds(59));
        queue.flush();
        assertThat(queue.lengths().unschedulable()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        queue.flush();
        assertThat(queue.lengths().active()).isEqualTo(1);
    }

    @Test
    void aClusterEventDuringTheAttemptSendsTheFailedPodToBackoffNotToParking() throws Exception {
        queue.add(pod("p").info());
        QueuedPodInfo pod = pop();
        long cycle = queue.schedulingCycle();
        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADDED); // a node arrived while the pod was being tried
        queue.addUnschedulable(pod, cycle);
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 1, 0, 0));
    }

    @Test
    void aPodDeletedOrBoundWhileInFlightIsNotRequeued() throws Exception {
        queue.add(pod("a").info());
        queue.add(pod("b").info());
        QueuedPodInfo a = pop();
        QueuedPodInfo b = pop();
        queue.delete(a.key());
        queue.delete(b.key());
        queue.addUnschedulable(a, queue.schedulingCycle());
        queue.addBackoff(b);
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 0, 0, 0));
    }

    @Test
    void updatesReplaceThePodWhereItWaitsAndWakeParkedPodsOnlyWhenTheSpecChanged() throws Exception {
        queue.add(pod("p").resourceVersion("1").info());
        queue.addUnschedulable(pop(), queue.schedulingCycle());
        clock.advance(Duration.ofSeconds(2));
        queue.update(pod("p").resourceVersion("2").phase("Pending").info()); // a status-only change
        assertThat(queue.lengths().unschedulable()).isEqualTo(1);
        queue.update(pod("p").resourceVersion("3").nodeSelector("disk", "ssd").info());
        assertThat(queue.lengths().active()).isEqualTo(1);
        PodInfo popped = pop().podInfo();
        assertThat(popped.pod().json().path("spec").path("nodeSelector").path("disk").asText()).isEqualTo("ssd");
    }

    @Test
    void updatesOfAPodInFlightWaitForTheAttemptsOutcome() throws Exception {
        queue.add(pod("p").info());
        QueuedPodInfo pod = pop();
        queue.update(pod("p").nodeSelector("a", "b").info());
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 0, 0, 1));
        queue.done(pod.key());
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 0, 0, 0));
    }

    @Test
    void addingAKnownPodDoesNotQueueItTwice() throws Exception {
        queue.add(pod("p").info());
        queue.add(pod("p").info());
        assertThat(queue.lengths().active()).isEqualTo(1);
    }

    @Test
    void popBlocksUntilAPodArrivesAndAnswersEmptyOnceClosed() throws Exception {
        CompletableFuture<String> popped = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.pop().map(p -> p.podInfo().name()).orElse("closed");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        queue.add(pod("late").info());
        assertThat(popped.get(10, TimeUnit.SECONDS)).isEqualTo("late");
        CompletableFuture<String> afterClose = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.pop().map(p -> p.podInfo().name()).orElse("closed");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        queue.close();
        assertThat(afterClose.get(10, TimeUnit.SECONDS)).isEqualTo("closed");
    }
}
