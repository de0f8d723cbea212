package io.kube4j.scheduler.cache;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.NodeInfo;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {

    final SchedulerCache cache = SchedulerCache.create();

    long cpuOn(String node) {
        return cache.node(node).map(n -> n.requested().milliCpu()).orElse(-1L);
    }

    @Test
    void anAssumedPodCountsOnItsNodeUntilTheBindingIsConfirmed() {
        cache.addNode(node("n1").build());
        var pod = pod("p").requests("1", "1Gi").info();
        assertThat(cache.assume(pod, "n1")).isTrue();
        assertThat(cpuOn("n1")).isEqualTo(1000);
        assertThat(cache.isAssumed("default/p")).isTrue();
        cache.addPod(pod("p").requests("1", "1Gi").nodeName("n1").info()); // the informer sees the binding
        assertThat(cache.isAssumed("default/p")).isFalse();
        assertThat(cpuOn("n1")).isEqualTo(1000); // counted once
    }

    @Test
    void forgettingAFailedBindingGivesTheCapacityBack() {
        cache.addNode(node("n1").build());
        cache.assume(pod("p").requests("1", "1Gi").info(), "n1");
        cache.forget("default/p");
        assertThat(cpuOn("n1")).isZero();
        assertThat(cache.hasPod("default/p")).isFalse();
    }

    @Test
    void forgetDoesNotDropAConfirmedPod() {
        cache.addNode(node("n1").build());
        cache.addPod(pod("p").requests("1", "1Gi").nodeName("n1").info());
        cache.forget("default/p");
        assertThat(cpuOn("n1")).isEqualTo(1000);
    }

    @Test
    void aPodCannotBeAssumedTwiceOrOntoAnUnknownNode() {
        cache.addNode(node("n1").build());
        assertThat(cache.assume(pod("p").info(), "n1")).isTrue();
        assertThat(cache.assume(pod("p").info(), "n1")).isFalse();
        assertThat(cache.assume(pod("q").info(), "nowhere")).isFalse();
    }

    @Test
    void aPodBoundElsewhereThanAssumedMovesToWhereItIsBound() {
        cache.addNode(node("n1").build());
        cache.addNode(node("n2").build());
        cache.assume(pod("p").requests("1", null).info(), "n1");
        cache.addPod(pod("p").requests("1", null).nodeName("n2").info());
        assertThat(cpuOn("n1")).isZero();
        assertThat(cpuOn("n2")).isEqualTo(1000);
    }

    @Test
    void podsBoundBeforeTheirNodeIsSeenAreCountedOnceItArrives() {
        cache.addPod(pod("p").requests("1", null).nodeName("late").info());
        assertThat(cache.snapshot()).isEmpty(); // no Node object yet: not offered to plugins
        cache.addNode(node("late").build());
        assertThat(cache.snapshot()).extracting(NodeInfo::name).containsExactly("late");
        assertThat(cpuOn("late")).isEqualTo(1000);
    }

    @Test
    void removingAPodOrANodeUpdatesTheSnapshot() {
        cache.addNode(node("n1").build());
        cache.addNode(node("n2").build());
        cache.addPod(pod("p").requests("1", null).nodeName("n1").info());
        var before = cache.snapshot();
        cache.removePod("default/p");
        cache.removeNode("n2");
        assertThat(cache.snapshot()).extracting(NodeInfo::name).containsExactly("n1");
        assertThat(cache.snapshot().get(0).requested().milliCpu()).isZero();
        assertThat(before).hasSize(2); // an earlier snapshot never changes
        assertThat(before.get(0).requested().milliCpu()).isEqualTo(1000);
    }

    @Test
    void theSnapshotIsReusedWhileNothingChanges() {
        cache.addNode(node("n1").build());
        assertThat(cache.snapshot()).isSameAs(cache.snapshot());
    }
}
