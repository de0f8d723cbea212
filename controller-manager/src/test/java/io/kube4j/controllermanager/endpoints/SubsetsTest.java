package io.kube4j.controllermanager.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubsetsTest {

    static Pod pod(String name, String ip, boolean ready, int httpPort) {
        Pod pod = Pod.named("ns", name);
        pod.spec().set("containers", Json.parse("[{\"name\":\"c\",\"ports\":[{\"name\":\"http\",\"containerPort\":" + httpPort + "}]}]"));
        pod.status().put("phase", "Running").put("podIP", ip);
        pod.status().set("conditions", Json.parse("[{\"type\":\"Ready\",\"status\":\"" + (ready ? "True" : "False") + "\"}]"));
        return pod;
    }

    static Service service() {
        Service svc = Service.named("ns", "web");
        svc.spec().set("ports", Json.parse("[{\"name\":\"web\",\"port\":80,\"targetPort\":\"http\"}]"));
        return svc;
    }

    @Test
    void groupsPodsByTheirResolvedPortsAndSplitsByReadiness() {
        var subsets = Subsets.of(service(), List.of(pod("a", "10.0.0.2", true, 8080), pod("b", "10.0.0.1", false, 8080),
                pod("c", "10.0.0.3", true, 9090)));
        assertThat(subsets).hasSize(2);
        assertThat(subsets.get(0).path("addresses").get(0).path("ip").asText()).isEqualTo("10.0.0.2");
        assertThat(subsets.get(0).path("notReadyAddresses").get(0).path("targetRef").path("name").asText()).isEqualTo("b");
        assertThat(subsets.get(0).path("ports").get(0).path("port").asInt()).isEqualTo(8080);
        assertThat(subsets.get(1).path("ports").get(0).path("port").asInt()).isEqualTo(9090);
    }

    @Test
    void leavesOutPodsWithoutAnIp() {
        assertThat(Subsets.of(service(), List.of(pod("a", "", true, 8080)))).isEmpty();
    }
}
