package io.kube4j.scheduler.plugins.noderesources;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeastAllocatedTest {

    static final long GI = 1L << 30;

    @ParameterizedTest(name = "{0}m/{1}Gi requested of {2}m/{3}Gi → {4}")
    @CsvSource({
            // cpu (4000-1000)*100/4000 = 75, memory (8-2)*100/8 = 75 → (75+75)/2 = 75
            "1000, 2, 4000, 8, 75",
            // nothing requested: 100 and 100 → 100
            "0, 0, 4000, 8, 100",
            // cpu (4000-3000)*100/4000 = 25, memory (8-2)*100/8 = 75 → 50
            "3000, 2, 4000, 8, 50",
            // cpu full → 0, memory (8-4)*100/8 = 50 → 25
            "4000, 4, 4000, 8, 25",
            // over-requested cpu counts 0, not negative: 0, memory 50 → 25
            "5000, 4, 4000, 8, 25",
            // cpu (2000-500)*100/2000 = 75, memory (4-3)*100/4 = 25 → 50
            "500, 3, 2000, 4, 50",
            // integer division: cpu (3000-1000)*100/3000 = 66, memory (3-1)*100/3 = 66 → 66
            "1000, 1, 3000, 3, 66",
            // no allocatable at all scores 0
            "0, 0, 0, 0, 0",
    })
    void scoresTheAverageShareLeftFree(long cpu, long memoryGi, long allocCpu, long allocGi, long expected) {
        assertThat(LeastAllocated.score(new Resource(cpu, memoryGi * GI, 1), new Resource(allocCpu, allocGi * GI, 110)))
                .isEqualTo(expected);
    }

    @Test
    void countsThePodAndWhatTheNodeAlreadyCarries() {
        // node 4 cpu / 8Gi carries 500m/1Gi; the pod asks 500m/1Gi: 1000m/2Gi requested → 75
        var node = node("n").allocatable("4", "8Gi", "110").info(pod("old").requests("500m", "1Gi").info());
        assertThat(new LeastAllocated().score(new CycleState(), pod("new").requests("500m", "1Gi").info(), node)).isEqualTo(75);
    }

    @Test
    void podsWithoutRequestsCountTheScoringDefaults() {
        // empty pod counts 100m / 200Mi: cpu (4000-100)*100/4000 = 97, memory (8192-200)*100/8192 = 97 → 97
        var node = node("n").allocatable("4", "8Gi", "110").info();
        assertThat(new LeastAllocated().score(new CycleState(), pod("empty").info(), node)).isEqualTo(97);
    }
}
