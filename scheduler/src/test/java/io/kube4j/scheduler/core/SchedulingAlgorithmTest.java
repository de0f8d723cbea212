package io.kube4j.scheduler.core;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.config.ProfileConfig;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.Profile;
import io.kube4j.scheduler.plugins.Registry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulingAlgorithmTest {

    final Profile defaults = Registry.profile(ProfileConfig.defaults("default-scheduler"), 0, null);
    final SchedulingAlgorithm algorithm = new SchedulingAlgorithm(new Random(42));

    @Test
    void picksTheBestScoringFeasibleNode() {
        // a pod of 1 cpu / 1Gi; big: 8 cpu / 32Gi empty — least 91 + balanced 90 = 181 beats
        // small: 2 cpu / 2Gi — least 50 + balanced 100 = 150; full cannot take it
        List<NodeInfo> nodes = List.of(node("small").allocatable("2", "2Gi", "110").info(),
                node("big").allocatable("8", "32Gi", "110").info(),
                node("full").allocatable("1", "1Gi", "110").info(pod("x").requests("1", "1Gi").info()));
        var decision = algorithm.schedule(defaults, pod("p").requests("1", "1Gi").info(), nodes);
        assertThat(decision).isEqualTo(new ScheduleDecision.Fits("big", 3, 2));
    }

    @Test
    void explainsWhyNoNodeFits() {
        List<NodeInfo> nodes = List.of(node("cordoned").unschedulable().info(),
                node("small1").allocatable("500m", "8Gi", "110").info(),
                node("small2").allocatable("500m", "8Gi", "110").info());
        var decision = algorithm.schedule(defaults, pod("p").requests("1", "1Gi").info(), nodes);
        assertThat(decision).isInstanceOf(ScheduleDecision.NoFit.class);
        assertThat(((ScheduleDecision.NoFit) decision).error().message())
                .isEqualTo("0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu.");
    }

    @Test
    void anInvalidPodIsUnschedulableWithTheReason() {
        var decision = algorithm.schedule(defaults, pod("p").requests("a lot", null).info(), List.of(node("n").info()));
        assertThat(((ScheduleDecision.NoFit) decision).error().message())
                .startsWith("0/1 nodes are available: 1 pod is invalid: spec.containers[0].resources.requests.cpu");
    }

    @Test
    void tiesAreBrokenAtRandom() {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(node("n" + i).info());
        }
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            chosen.add(((ScheduleDecision.Fits) algorithm.schedule(defaults, pod("p").info(), nodes)).nodeName());
        }
        assertThat(chosen).containsExactlyInAnyOrder("n0", "n1", "n2", "n3");
    }

    @Test
    void withManyNodesOnlyASampleIsFilteredAndEachCycleStartsWhereTheLastStopped() {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            nodes.add(node("n" + i).info());
        }
        // adaptive at 1,000 nodes: 42% → 420 feasible nodes are enough
        var first = (ScheduleDecision.Fits) algorithm.schedule(defaults, pod("p").info(), nodes);
        assertThat(first.evaluatedNodes()).isEqualTo(420);
        assertThat(first.feasibleNodes()).isEqualTo(420);
        int index = Integer.parseInt(first.nodeName().substring(1));
        assertThat(index).isBetween(0, 419);
        var second = (ScheduleDecision.Fits) algorithm.schedule(defaults, pod("q").info(), nodes);
        assertThat(Integer.parseInt(second.nodeName().substring(1))).isBetween(420, 839);
    }
}
