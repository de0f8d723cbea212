package io.kube4j.scheduler.plugins.noderesources;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BalancedAllocationTest {

    static final long GI = 1L << 30;

    @ParameterizedTest(name = "{0}m/{1}Gi requested of {2}m/{3}Gi → {4}")
    @CsvSource({
            // cpu 1000/4000 = 0.25, memory 2/8 = 0.25: (1 - 0) * 100 = 100
            "1000, 2, 4000, 8, 100",
            // cpu 0.5, memory 0.25: (1 - 0.25) * 100 = 75
            "2000, 2, 4000, 8, 75",
            // cpu 0.125, memory 0.75: (1 - 0.625) * 100 = 37 (truncated)
            "500, 6, 4000, 8, 37",
            // cpu 0.9, memory 0.1: (1 - 0.8) * 100 = 19 (0.19999… truncated)
            "3600, 0.8, 4000, 8, 19",
            // cpu full (fraction 1): 0
            "4000, 2, 4000, 8, 0",
            // nothing allocatable reads as full: 0
            "0, 0, 0, 0, 0",
    })
    void scoresOneMinusTheSpreadOfUtilisation(long cpu, double memoryGi, long allocCpu, long allocGi, long expected) {
        assertThat(BalancedAllocation.score(new Resource(cpu, (long) (memoryGi * GI), 1), new Resource(allocCpu, allocGi * GI, 110)))
                .isEqualTo(expected);
    }

    @Test
    void includesThePodBeingScheduled() {
        // node 2 cpu / 2Gi, empty; the pod asks 1 cpu / 1Gi: 0.5 and 0.5 → 100
        var balanced = node("b").allocatable("2", "2Gi", "110").info();
        // node 2 cpu / 8Gi: 0.5 and 0.125 → (1 - 0.375) * 100 = 62
        var skewed = node("s").allocatable("2", "8Gi", "110").info();
        var pod = pod("p").requests("1", "1Gi").info();
        assertThat(new BalancedAllocation().score(new CycleState(), pod, balanced)).isEqualTo(100);
        assertThat(new BalancedAllocation().score(new CycleState(), pod, skewed)).isEqualTo(62);
    }
}
