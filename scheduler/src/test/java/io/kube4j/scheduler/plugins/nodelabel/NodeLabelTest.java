package io.kube4j.scheduler.plugins.nodelabel;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeLabelTest {

    static long score(NodeLabel plugin, PodInfo pod, NodeInfo node) {
        return plugin.score(new CycleState(), pod, node);
    }

    @ParameterizedTest(name = "present {0}, absent {1}, node labels {2} → {3}")
    @CsvSource(delimiter = '|', value = {
            // one preference, met: 1 * 100 / 1
            "ssd     |        | ssd      | 100",
            // one preference, not met
            "ssd     |        | gpu      | 0",
            // two present, one met: 1 * 100 / 2 = 50
            "ssd,gpu |        | ssd      | 50",
            // present ssd met, absent spot met: 2 * 100 / 2
            "ssd     | spot   | ssd      | 100",
            // present met, absent violated: 1 * 100 / 2
            "ssd     | spot   | ssd,spot | 50",
            // three preferences, one met: 100 / 3 = 33
            "a,b     | spot   | spot,a   | 33",
    })
    void scoresTheShareOfLabelPreferencesMet(String present, String absent, String labels, long expected) {
        NodeLabel plugin = new NodeLabel(list(present), list(absent));
        var node = node("n");
        for (String label : list(labels)) {
            node.label(label, "true");
        }
        assertThat(score(plugin, pod("p").info(), node.info())).isEqualTo(expected);
    }

    @Test
    void withNothingConfiguredAndNoPodPreferencesEveryNodeScoresZero() {
        NodeLabel plugin = new NodeLabel(List.of(), List.of());
        assertThat(score(plugin, pod("p").info(), node("n").label("ssd", "true").info())).isZero();
    }

    @Test
    void scoresTheShareOfPreferredAffinityWeightMatched() {
        NodeLabel plugin = new NodeLabel(List.of(), List.of());
        var pod = pod("p").preferred(30, "disk", "In", "ssd").preferred(10, "zone", "In", "a").info();
        // 30 of 40: 30 * 100 / 40 = 75
        assertThat(score(plugin, pod, node("n").label("disk", "ssd").info())).isEqualTo(75);
        // 40 of 40
        assertThat(score(plugin, pod, node("n").label("disk", "ssd").label("zone", "a").info())).isEqualTo(100);
    }

    @Test
    void averagesLabelPreferencesAndPodPreferencesWhenBothApply() {
        NodeLabel plugin = new NodeLabel(List.of("ssd"), List.of());
        var pod = pod("p").preferred(10, "zone", "In", "a").info();
        // labels: ssd met → 100; affinity: zone b ≠ a → 0; (100 + 0) / 2 = 50
        assertThat(score(plugin, pod, node("n").label("ssd", "true").label("zone", "b").info())).isEqualTo(50);
    }

    static List<String> list(String csv) {
        return csv == null ? List.of() : List.of(csv.split(","));
    }
}
