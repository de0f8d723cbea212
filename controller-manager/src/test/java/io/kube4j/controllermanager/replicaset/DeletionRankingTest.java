package io.kube4j.controllermanager.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeletionRankingTest {

    static Pod pod(String name, String node, String phase, boolean ready, String created) {
        Pod pod = Pod.named("ns", name);
        pod.json().with("metadata").put("creationTimestamp", created);
        if (!node.isEmpty()) {
            pod.spec().put("nodeName", node);
        }
        pod.status().put("phase", phase);
        pod.status().set("conditions", Json.parse("[{\"type\":\"Ready\",\"status\":\"" + (ready ? "True" : "False") + "\"}]"));
        return pod;
    }

    @Test
    void prefersUnscheduledThenPendingThenNotReadyThenNewestPods() {
        Pod oldReady = pod("old-ready", "n1", "Running", true, "2026-01-01T00:00:00Z");
        Pod newReady = pod("new-ready", "n1", "Running", true, "2026-01-02T00:00:00Z");
        Pod notReady = pod("not-ready", "n1", "Running", false, "2026-01-01T00:00:00Z");
        Pod pending = pod("pending", "n1", "Pending", false, "2026-01-01T00:00:00Z");
        Pod unscheduled = pod("unscheduled", "", "Pending", false, "2026-01-01T00:00:00Z");
        List<Pod> pods = new ArrayList<>(List.of(oldReady, newReady, notReady, pending, unscheduled));
        pods.sort(DeletionRanking.CHEAPEST_FIRST);
        assertThat(pods).extracting(p -> p.metadata().name())
                .containsExactly("unscheduled", "pending", "not-ready", "new-ready", "old-ready");
    }
}
