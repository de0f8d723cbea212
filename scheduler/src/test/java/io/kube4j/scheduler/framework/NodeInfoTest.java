package io.kube4j.scheduler.framework;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeInfoTest {

    static final long GI = 1L << 30;

    @Test
    void addingAndRemovingPodsKeepsTheSums() {
        var a = pod("a").requests("1", "1Gi").hostPort(80).info();
        var b = pod("b").requests("500m", "2Gi").info();
        NodeInfo empty = node("n").allocatable("4", "8Gi", "110").info();
        NodeInfo both = empty.withPod(a).withPod(b);
        assertThat(both.requested()).isEqualTo(new Resource(1500, 3 * GI, 2));
        assertThat(both.usedPorts()).containsExactly(new HostPort("0.0.0.0", "TCP", 80));
        NodeInfo onlyB = both.withoutPod(a.key());
        assertThat(onlyB.requested()).isEqualTo(new Resource(500, 2 * GI, 1));
        assertThat(onlyB.usedPorts()).isEmpty();
        assertThat(empty.requested()).isEqualTo(Resource.ZERO); // immutable: the original is untouched
        assertThat(both.allocatable()).isEqualTo(new Resource(4000, 8 * GI, 110));
    }

    @Test
    void addingAPodAgainReplacesIt() {
        NodeInfo node = node("n").info(pod("a").requests("1", "1Gi").info());
        NodeInfo again = node.withPod(pod("a").requests("2", "1Gi").info());
        assertThat(again.requested()).isEqualTo(new Resource(2000, GI, 1));
    }

    @Test
    void aNewNodeObjectKeepsThePods() {
        NodeInfo node = node("n").allocatable("4", "8Gi", "110").info(pod("a").requests("1", "1Gi").info());
        NodeInfo relabelled = node.withNode(node("n").allocatable("8", "8Gi", "110").label("x", "y").build());
        assertThat(relabelled.requested().milliCpu()).isEqualTo(1000);
        assertThat(relabelled.allocatable().milliCpu()).isEqualTo(8000);
        assertThat(relabelled.labels()).containsEntry("x", "y");
    }

    @Test
    void readsTaintsReadinessAndCordon() {
        NodeInfo node = node("n").taint("k", "v", "NoSchedule").ready("False").unschedulable().info();
        assertThat(node.taints()).containsExactly(new Taint("k", "v", "NoSchedule"));
        assertThat(node.readyStatus()).isEqualTo("False");
        assertThat(node.unschedulable()).isTrue();
    }
}
