package io.kube4j.scheduler.core;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.cache.SchedulerCache;
import io.kube4j.scheduler.queue.QueueLengths;
import io.kube4j.scheduler.queue.SchedulingQueue;
import io.kube4j.scheduler.testing.TestClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodEventHandlerTest {

    final TestClock clock = new TestClock();
    final SchedulingQueue queue = SchedulingQueue.create(clock);
    final SchedulerCache cache = SchedulerCache.create();
    final PodEventHandler handler = new PodEventHandler(queue, cache, Set.of("default-scheduler"));

    @Test
    void queuesUnassignedPodsOfItsOwnProfilesOnly() {
        handler.onAdd(pod("mine").build());
        handler.onAdd(pod("theirs").schedulerName("other").build());
        handler.onAdd(pod("done").phase("Succeeded").build());
        assertThat(queue.lengths().active()).isEqualTo(1);
    }

    @Test
    void countsBoundPodsOnTheirNode() {
        cache.addNode(node("n1").build());
        handler.onAdd(pod("bound").requests("1", null).nodeName("n1").build());
        assertThat(cache.node("n1").orElseThrow().requested().milliCpu()).isEqualTo(1000);
        assertThat(queue.lengths().active()).isZero();
    }

    @Test
    void aBindingSeenByTheInformerTakesThePodOutOfTheQueueAndOntoTheNode() {
        cache.addNode(node("n1").build());
        var pending = pod("p").requests("1", null).build();
        handler.onAdd(pending);
        handler.onUpdate(pending, pod("p").requests("1", null).nodeName("n1").build());
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 0, 0, 0));
        assertThat(cache.hasPod("default/p")).isTrue();
    }

    @Test
    void deletingABoundPodFreesItsNodeAndWakesParkedPods() throws Exception {
        cache.addNode(node("n1").build());
        var bound = pod("bound").requests("1", null).nodeName("n1").build();
        handler.onAdd(bound);
        handler.onAdd(pod("waiting").build());
        queue.addUnschedulable(queue.pop().orElseThrow(), queue.schedulingCycle());
        clock.advance(Duration.ofSeconds(2));
        handler.onDelete(bound);
        assertThat(cache.node("n1").orElseThrow().requested().milliCpu()).isZero();
        assertThat(queue.lengths().active()).isEqualTo(1);
    }

    @Test
    void aBoundPodThatFinishesHoldsNothing() {
        cache.addNode(node("n1").build());
        var running = pod("job").requests("1", null).nodeName("n1").build();
        handler.onAdd(running);
        handler.onUpdate(running, pod("job").requests("1", null).nodeName("n1").phase("Succeeded").build());
        assertThat(cache.node("n1").orElseThrow().requested().milliCpu()).isZero();
    }

    @Test
    void updatesOfAssumedPodsAreIgnoredSoTheyAreNotScheduledTwice() {
        cache.addNode(node("n1").build());
        var pod = pod("p").build();
        cache.assume(io.kube4j.scheduler.framework.PodInfo.of(pod), "n1");
        handler.onUpdate(pod, pod("p").resourceVersion("9").build());
        assertThat(queue.lengths().active()).isZero();
    }

    @Test
    void aPendingPodBeingDeletedLeavesTheQueue() {
        var pod = pod("p").build();
        handler.onAdd(pod);
        var deleting = pod("p").build();
        deleting.metadata().json().put("deletionTimestamp", "2024-01-01T00:00:00Z");
        handler.onUpdate(pod, deleting);
        assertThat(queue.lengths().active()).isZero();
    }
}
