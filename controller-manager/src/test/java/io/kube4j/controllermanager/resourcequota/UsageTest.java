package io.kube4j.controllermanager.resourcequota;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageTest {

    static Pod pod(String phase, String cpu, String memory) {
        Pod pod = Pod.named("ns", "p");
        pod.spec().set("containers", Json.parse("[{\"name\":\"a\",\"resources\":{\"requests\":{\"cpu\":\"" + cpu
                + "\",\"memory\":\"" + memory + "\"}}},{\"name\":\"b\"}]"));
        pod.status().put("phase", phase);
        return pod;
    }

    @Test
    void sumsRequestsOfPodsThatAreNotFinished() {
        List<Pod> pods = List.of(pod("Running", "250m", "64Mi"), pod("Pending", "1", "64Mi"), pod("Succeeded", "8", "8Gi"));
        // 250m + 1000m; 64Mi + 64Mi
        assertThat(Usage.of("requests.cpu", pods, Map.of())).contains("1250m");
        assertThat(Usage.of("requests.memory", pods, Map.of())).contains("128Mi");
        assertThat(Usage.of("pods", pods, Map.of())).contains("2");
    }

    @Test
    void countsObjectsByPluralAndByCountSyntax() {
        Map<String, Integer> counts = Map.of("configmaps", 3, "deployments.apps", 2);
        assertThat(Usage.of("configmaps", List.of(), counts)).contains("3");
        assertThat(Usage.of("count/deployments.apps", List.of(), counts)).contains("2");
        assertThat(Usage.of("requests.storage", List.of(), counts)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1500, 1500m", "2000, 2"})
    void formatsCpuInWholeCoresWhenItCan(long millis, String text) {
        assertThat(Usage.cpu(millis)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1024, 1Ki", "1073741824, 1Gi", "1000, 1000", "201326592, 192Mi"})
    void formatsMemoryInTheLargestBinaryUnit(long bytes, String text) {
        assertThat(Usage.bytes(bytes)).isEqualTo(text);
    }
}
