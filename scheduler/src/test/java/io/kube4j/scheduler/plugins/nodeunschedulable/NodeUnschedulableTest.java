package io.kube4j.scheduler.plugins.nodeunschedulable;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.Status;
import org.junit.jupiter.api.Test;

class NodeUnschedulableTest {

    final NodeUnschedulable plugin = new NodeUnschedulable();

    @Test
    void keepsPodsOffCordonedNodes() {
        Status status = plugin.filter(new CycleState(), pod("p").info(), node("n").unschedulable().info());
        assertThat(status.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
        assertThat(status.reasons()).containsExactly("node(s) were unschedulable");
    }

    @Test
    void letsPodsOntoSchedulableNodes() {
        assertThat(plugin.filter(new CycleState(), pod("p").info(), node("n").info()).isSuccess()).isTrue();
    }

    @Test
    void letsPodsThatTolerateTheUnschedulableTaintOntoCordonedNodes() {
        var pod = pod("p").toleration("node.kubernetes.io/unschedulable", "Exists", "", "NoSchedule").info();
        assertThat(plugin.filter(new CycleState(), pod, node("n").unschedulable().info()).isSuccess()).isTrue();
    }
}
