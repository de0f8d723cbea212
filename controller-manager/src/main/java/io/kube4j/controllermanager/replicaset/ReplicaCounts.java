package io.kube4j.controllermanager.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.core.Pod;
import io.kube4j.controllermanager.util.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The status counts of a ReplicaSet or ReplicationController, computed from its active pods. */
record ReplicaCounts(int replicas, int fullyLabeled, int ready, int available, long observedGeneration) {

    static ReplicaCounts of(List<Pod> active, Map<String, String> templateLabels, Duration minReady, Instant now,
                            long generation) {
        int fully = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : active) {
            if (pod.metadata().labels().entrySet().containsAll(templateLabels.entrySet())) {
                fully++;
            }
            if (Pods.isReady(pod)) {
                ready++;
            }
            if (Pods.isAvailable(pod, minReady, now)) {
                available++;
            }
        }
        return new ReplicaCounts(active.size(), fully, ready, available, generation);
    }

    static ReplicaCounts read(ObjectNode status) {
        return new ReplicaCounts(status.path("replicas").asInt(0), status.path("fullyLabeledReplicas").asInt(0),
                status.path("readyReplicas").asInt(0), status.path("availableReplicas").asInt(0),
                status.path("observedGeneration").asLong(0));
    }

    void write(ObjectNode status) {
        status.put("replicas", replicas);
        status.put("fullyLabeledReplicas", fullyLabeled);
        status.put("readyReplicas", ready);
        status.put("availableReplicas", available);
        status.put("observedGeneration", observedGeneration);
    }
}
