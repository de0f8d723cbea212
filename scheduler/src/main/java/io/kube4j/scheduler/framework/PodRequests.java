package io.kube4j.scheduler.framework;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Quantity;
import java.util.List;

/**
 * What a pod asks of a node, computed as Kubernetes does: the sum over containers, raised to the
 * largest init container where that is more (init containers run one at a time, before the
 * others), plus the pod overhead. A container that sets a limit but no request requests its limit.
 */
final class PodRequests {

    /** Kubernetes' defaults for scoring a container that requests nothing. */
    static final long DEFAULT_MILLI_CPU = 100;
    static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private PodRequests() {
    }

    /**
     * @param nonZero count {@link #DEFAULT_MILLI_CPU} / {@link #DEFAULT_MEMORY} for containers that request no cpu / memory
     * @param problems collects descriptions of quantities that do not parse (they count as zero)
     */
    static Resource of(JsonNode spec, boolean nonZero, List<String> problems) {
        long cpu = 0;
        long memory = 0;
        int index = 0;
        for (JsonNode container : spec.path("containers")) {
            String at = "spec.containers[" + index++ + "]";
            cpu += request(container, "cpu", true, nonZero, at, problems);
            memory += request(container, "memory", false, nonZero, at, problems);
        }
        index = 0;
        for (JsonNode container : spec.path("initContainers")) {
            String at = "spec.initContainers[" + index++ + "]";
            cpu = Math.max(cpu, request(container, "cpu", true, nonZero, at, problems));
            memory = Math.max(memory, request(container, "memory", false, nonZero, at, problems));
        }
        JsonNode overhead = spec.path("overhead");
        cpu += quantity(overhead.path("cpu"), true, "spec.overhead.cpu", problems);
        memory += quantity(overhead.path("memory"), false, "spec.overhead.memory", problems);
        return new Resource(cpu, memory, 1);
    }

    private static long request(JsonNode container, String resource, boolean milli, boolean nonZero, String at,
                                List<String> problems) {
        JsonNode resources = container.path("resources");
        JsonNode requested = resources.path("requests").path(resource);
        String field = at + ".resources.requests." + resource;
        if (requested.isMissingNode() || requested.isNull()) {
            requested = resources.path("limits").path(resource);
            field = at + ".resources.limits." + resource;
        }
        long amount = quantity(requested, milli, field, problems);
        if (amount == 0 && nonZero) {
            return milli ? DEFAULT_MILLI_CPU : DEFAULT_MEMORY;
        }
        return amount;
    }

    private static long quantity(JsonNode node, boolean milli, String field, List<String> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        try {
            Quantity q = Quantity.parse(node.asText());
            return Math.max(0, milli ? q.milliValue() : q.value());
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
            return 0;
        }
    }
}
