package io.kube4j.controllermanager.resourcequota;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a namespace uses of one quota resource, from the objects in it. Counts: {@code pods},
 * {@code services}, {@code configmaps}, …, {@code count/<plural>[.<group>]}; compute: the sums of
 * container requests and limits of the pods that are not finished.
 */
final class Usage {

    private Usage() {
    }

    /**
     * @param counts objects per {@code plural[.group]} in the namespace
     * @return the formatted usage, or empty for a resource this controller does not measure
     */
    static Optional<String> of(String resource, List<Pod> pods, Map<String, Integer> counts) {
        List<Pod> live = pods.stream().filter(p -> !p.phase().equals("Succeeded") && !p.phase().equals("Failed")).toList();
        return switch (resource) {
            case "pods", "count/pods" -> Optional.of(Integer.toString(live.size()));
            case "cpu", "requests.cpu" -> Optional.of(cpu(sum(live, "requests", "cpu", true)));
            case "limits.cpu" -> Optional.of(cpu(sum(live, "limits", "cpu", true)));
            case "memory", "requests.memory" -> Optional.of(bytes(sum(live, "requests", "memory", false)));
            case "limits.memory" -> Optional.of(bytes(sum(live, "limits", "memory", false)));
            default -> count(resource, counts);
        };
    }

    private static Optional<String> count(String resource, Map<String, Integer> counts) {
        String plural = resource.startsWith("count/") ? resource.substring("count/".length()) : resource;
        Integer n = counts.get(plural);
        return n == null ? Optional.empty() : Optional.of(Integer.toString(n));
    }

    /** Milli-units for cpu, bytes for memory, over every container of every pod. */
    static long sum(List<Pod> pods, String section, String resource, boolean milli) {
        long total = 0;
        for (Pod pod : pods) {
            for (JsonNode container : pod.spec().path("containers")) {
                JsonNode value = container.path("resources").path(section).path(resource);
                if (!value.isMissingNode() && !value.isNull()) {
                    Quantity q = Quantity.parse(value.asText());
                    total += milli ? q.milliValue() : q.value();
                }
            }
        }
        return total;
    }

    static String cpu(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }

    static String bytes(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        String[] suffixes = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
        for (int i = 0; i < suffixes.length; i++) {
            long unit = 1L << (10 * (suffixes.length - i));
            if (bytes % unit == 0) {
                return bytes / unit + suffixes[i];
            }
        }
        return Long.toString(bytes);
    }
}
