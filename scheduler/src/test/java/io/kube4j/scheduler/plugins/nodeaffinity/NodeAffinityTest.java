package io.kube4j.scheduler.plugins.nodeaffinity;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.testing.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeAffinityTest {

    final NodeAffinity plugin = new NodeAffinity();
    final NodeInfo ssdNode = node("n").label("disk", "ssd").label("cores", "16").label("zone", "a").info();

    boolean feasible(PodBuilder pod, NodeInfo node) {
        return plugin.filter(new CycleState(), pod.info(), node).isSuccess();
    }

    @ParameterizedTest(name = "{0} {1} {2} on disk=ssd,cores=16,zone=a → {3}")
    @CsvSource(delimiter = '|', value = {
            "disk  | In           | ssd,nvme | true",
            "disk  | In           | hdd      | false",
            "disk  | NotIn        | hdd      | true",
            "disk  | NotIn        | ssd      | false",
            "gpu   | NotIn        | yes      | true",   // an absent label is not in any set
            "disk  | Exists       |          | true",
            "gpu   | Exists       |          | false",
            "gpu   | DoesNotExist |          | true",
            "disk  | DoesNotExist |          | false",
            "cores | Gt           | 8        | true",   // 16 > 8
            "cores | Gt           | 16       | false",  // 16 > 16 is false
            "cores | Lt           | 32       | true",
            "cores | Lt           | 4        | false",
            "disk  | Gt           | 1        | false",  // ssd is no integer
            "gpu   | Lt           | 1        | false",  // absent
            "disk  | Near         | ssd      | false",  // unknown operator
    })
    void requiredExpressionsUseTheirOperator(String key, String operator, String values, boolean feasible) {
        String[] v = values == null ? new String[0] : values.split(",");
        assertThat(feasible(pod("p").requiredExpression(key, operator, v), ssdNode)).isEqualTo(feasible);
    }

    @Test
    void expressionsOfATermAreAndedAndTermsAreOred() {
        var both = pod("p").requiredExpression("disk", "In", "ssd").requiredExpression("zone", "In", "b");
        assertThat(feasible(both, ssdNode)).isFalse();
        var either = pod("p").requiredExpression("disk", "In", "ssd").requiredExpression("zone", "In", "b")
                .requiredTerm().requiredExpression("zone", "In", "a");
        assertThat(feasible(either, ssdNode)).isTrue();
    }

    @Test
    void theNodeSelectorMustMatchEveryLabel() {
        assertThat(feasible(pod("p").nodeSelector("disk", "ssd").nodeSelector("zone", "a"), ssdNode)).isTrue();
        assertThat(feasible(pod("p").nodeSelector("disk", "ssd").nodeSelector("zone", "b"), ssdNode)).isFalse();
        var status = plugin.filter(new CycleState(), pod("p").nodeSelector("gpu", "yes").info(), ssdNode);
        assertThat(status.reasons()).containsExactly("node(s) didn't match Pod's node affinity/selector");
    }

    @Test
    void selectorAndAffinityMustBothHold() {
        var pod = pod("p").nodeSelector("disk", "ssd").requiredExpression("zone", "In", "b");
        assertThat(feasible(pod, ssdNode)).isFalse();
    }

    @Test
    void aPodWithoutConstraintsFitsAnyNode() {
        assertThat(feasible(pod("p"), node("bare").info())).isTrue();
    }

    @Test
    void preferredTermsAddUpTheirWeights() {
        var pod = pod("p").preferred(10, "disk", "In", "ssd").preferred(30, "zone", "In", "b").preferred(5, "cores", "Gt", "8")
                .info();
        PodNodeAffinity affinity = PodNodeAffinity.of(new CycleState(), pod);
        assertThat(affinity.totalPreferredWeight()).isEqualTo(45);
        assertThat(affinity.preferredWeight(ssdNode)).isEqualTo(15); // disk (10) + cores (5), not zone b
    }
}
