package io.kube4j.scheduler.plugins.tainttoleration;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.testing.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaintTolerationTest {

    final TaintToleration plugin = new TaintToleration();

    @ParameterizedTest(name = "taint {0}={1}:{2}, toleration {3} {4} {5} {6} → {7}")
    @CsvSource(delimiter = '|', value = {
            // no toleration at all
            "gpu | yes | NoSchedule       |      |        |     |            | false",
            "gpu | yes | NoExecute        |      |        |     |            | false",
            // PreferNoSchedule only prefers: never filters
            "gpu | yes | PreferNoSchedule |      |        |     |            | true",
            // Equal needs the same value
            "gpu | yes | NoSchedule       | gpu  | Equal  | yes | NoSchedule | true",
            "gpu | yes | NoSchedule       | gpu  | Equal  | no  | NoSchedule | false",
            // Exists ignores the value
            "gpu | yes | NoSchedule       | gpu  | Exists |     | NoSchedule | true",
            // an empty effect tolerates every effect
            "gpu | yes | NoExecute        | gpu  | Exists |     |            | true",
            // a different effect does not
            "gpu | yes | NoExecute        | gpu  | Exists |     | NoSchedule | false",
            // an empty key with Exists tolerates everything
            "gpu | yes | NoSchedule       |      | Exists |     |            | true",
            // another key does not
            "gpu | yes | NoSchedule       | ssd  | Exists |     |            | false",
    })
    void aNodeIsFeasibleOnlyWhenEveryHardTaintIsTolerated(String key, String value, String effect, String tKey,
                                                         String tOperator, String tValue, String tEffect, boolean feasible) {
        PodBuilder pod = pod("p");
        if (tOperator != null) {
            pod.toleration(tKey == null ? "" : tKey, tOperator, tValue == null ? "" : tValue, tEffect == null ? "" : tEffect);
        }
        var status = plugin.filter(new CycleState(), pod.info(), node("n").taint(key, value, effect).info());
        assertThat(status.isSuccess()).isEqualTo(feasible);
    }

    @Test
    void namesTheUntoleratedTaintAsKubernetesDoes() {
        var node = node("n").taint("dedicated", "db", "NoSchedule").taint("gpu", "", "NoExecute").info();
        var pod = pod("p").toleration("dedicated", "Equal", "db", "NoSchedule").info();
        assertThat(plugin.filter(new CycleState(), pod, node).reasons()).containsExactly("node(s) had untolerated taint {gpu: }");
    }
}
