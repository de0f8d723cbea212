package io.kube4j.scheduler.plugins.nodeready;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.CycleState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeReadyTest {

    final NodeReady plugin = new NodeReady();

    @ParameterizedTest(name = "Ready={0} → feasible {1}")
    @CsvSource({"True, true", "False, false", "Unknown, false", ", true"})
    void admitsReadyNodesAndNodesThatReportNoConditionYet(String ready, boolean feasible) {
        var status = plugin.filter(new CycleState(), pod("p").info(), node("n").ready(ready).info());
        assertThat(status.isSuccess()).isEqualTo(feasible);
        if (!feasible) {
            assertThat(status.reasons()).containsExactly("node(s) were not ready");
        }
    }

    @ParameterizedTest(name = "Ready={0} tolerated by {1}")
    @CsvSource({"False, node.kubernetes.io/not-ready", "Unknown, node.kubernetes.io/unreachable"})
    void admitsPodsToleratingTheTaintANotReadyNodeWouldCarry(String ready, String taint) {
        var pod = pod("p").toleration(taint, "Exists", "", "").info();
        assertThat(plugin.filter(new CycleState(), pod, node("n").ready(ready).info()).isSuccess()).isTrue();
    }
}
