package io.kube4j.scheduler.framework;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod with what scheduling reads of it parsed once: priority, age, resource requests (as is,
 * and with Kubernetes' scoring defaults for containers that request nothing), host ports and
 * tolerations. The pod is the informer's object: read it, never change it.
 *
 * @param requests         what the pod asks for; fitting uses these
 * @param nonZeroRequests  the same, but 100m cpu / 200Mi memory for containers asking for none; scoring uses these
 * @param problems         fields that could not be read (a malformed quantity); such a pod is not scheduled
 */
public record PodInfo(Pod pod, String key, int priority, Instant created, Resource requests, Resource nonZeroRequests,
                      List<HostPort> hostPorts, List<Toleration> tolerations, List<String> problems) {

    public PodInfo {
        hostPorts = List.copyOf(hostPorts);
        tolerations = List.copyOf(tolerations);
        problems = List.copyOf(problems);
    }

    public static PodInfo of(Pod pod) {
        JsonNode spec = pod.json().path("spec");
        List<String> problems = new ArrayList<>();
        Resource requests = PodRequests.of(spec, false, problems);
        Resource nonZero = PodRequests.of(spec, true, new ArrayList<>());
        return new PodInfo(pod, pod.key(), spec.path("priority").asInt(0),
                pod.metadata().creationTimestamp().orElse(Instant.EPOCH), requests, nonZero,
                HostPort.listOf(spec), Toleration.listOf(spec.path("tolerations")), problems);
    }

    public String namespace() {
        return pod.metadata().namespace();
    }

    public String name() {
        return pod.metadata().name();
    }

    /** {@code spec.nodeName}, "" while unassigned. */
    public String nodeName() {
        return pod.json().path("spec").path("nodeName").asText("");
    }

    public String schedulerName() {
        return pod.json().path("spec").path("schedulerName").asText("default-scheduler");
    }
}
