package io.kube4j.scheduler.plugins.noderesources;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.Status;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FitTest {

    final Fit fit = new Fit();

    @ParameterizedTest(name = "node {0}/{1}/{2} pods carrying {3}/{4}, pod {5}/{6} → {7}")
    @CsvSource(delimiter = '|', value = {
            // 1 + 2 = 3 ≤ 4 cpu, 1Gi + 2Gi ≤ 8Gi: fits
            "4 | 8Gi | 110 | 1    | 1Gi   | 2    | 2Gi   | ",
            // 3 + 1.5 = 4.5 > 4 cpu
            "4 | 8Gi | 110 | 3    | 1Gi   | 1.5  | 1Gi   | Insufficient cpu",
            // exactly full is still a fit: 3.5 + 500m = 4, 6Gi + 2Gi = 8Gi
            "4 | 8Gi | 110 | 3500m| 6Gi   | 500m | 2Gi   | ",
            // 7Gi + 1025Mi > 8Gi
            "4 | 8Gi | 110 | 0    | 7Gi   | 0    | 1025Mi| Insufficient memory",
            // both short
            "1 | 1Gi | 110 | 1    | 1Gi   | 1    | 1     | Insufficient cpu,Insufficient memory",
            // one pod already, one allowed: too many pods
            "4 | 8Gi | 1   | 0    | 0     | 0    | 0     | Too many pods",
            // 1G (decimal) + 128Mi on a 1.1G node: 1,000,000,000 + 134,217,728 > 1,100,000,000
            "4 | 1.1G| 110 | 0    | 1G    | 0    | 128Mi | Insufficient memory",
            // 2e3m = 2 cpu: 2 + 2 ≤ 4
            "4 | 8Gi | 110 | 2e3m | 0     | 2    | 0     | ",
    })
    void fitsWhenRequestsPlusThePodStayWithinAllocatable(String cpu, String memory, String pods, String usedCpu,
                                                         String usedMemory, String podCpu, String podMemory, String reasons) {
        var node = node("n").allocatable(cpu, memory, pods).info(pod("old").requests(usedCpu, usedMemory).info());
        Status status = fit.filter(new CycleState(), pod("new").requests(podCpu, podMemory).info(), node);
        List<String> expected = reasons == null ? List.of() : List.of(reasons.split(","));
        assertThat(status.reasons()).isEqualTo(expected);
        assertThat(status.isSuccess()).isEqualTo(expected.isEmpty());
    }

    @Test
    void aPodRequestingNothingFitsAFullNodeButStillCountsAgainstThePodLimit() {
        var full = node("n").allocatable("1", "1Gi", "2").info(pod("old").requests("1", "1Gi").info());
        assertThat(fit.filter(new CycleState(), pod("empty").info(), full).isSuccess()).isTrue();
        var fullOfPods = full.withPod(pod("other").info());
        assertThat(fit.filter(new CycleState(), pod("empty").info(), fullOfPods).reasons()).containsExactly("Too many pods");
    }

    @Test
    void initContainersCountAtTheirLargestNotTheirSum() {
        // containers 1 cpu; init containers 3 and 2 cpu: the pod needs max(1, 3) = 3 cpu; the node has 3
        var pod = pod("p").requests("1", null).initRequests("3", null).initRequests("2", null).info();
        assertThat(fit.filter(new CycleState(), pod, node("n").allocatable("3", "1Gi", "10").info()).isSuccess()).isTrue();
        assertThat(fit.filter(new CycleState(), pod, node("n").allocatable("2900m", "1Gi", "10").info()).reasons())
                .containsExactly("Insufficient cpu");
    }
}
