package io.kube4j.controllermanager.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Pod;
import java.time.Duration;
import java.util.Optional;

/** How long a pod stays on a node with a NoExecute taint. */
final class Tolerations {

    private Tolerations() {
    }

    /**
     * The pod's tolerationSeconds for the taint key, {@code fallback} when nothing tolerates it,
     * empty when a toleration without seconds tolerates it forever.
     */
    static Optional<Duration> evictionDelay(Pod pod, String taintKey, Duration fallback) {
        Duration best = null;
        boolean matched = false;
        for (JsonNode t : pod.spec().path("tolerations")) {
            String key = t.path("key").asText("");
            String operator = t.path("operator").asText("Equal");
            String effect = t.path("effect").asText("");
            boolean keyMatches = key.equals(taintKey) || (key.isEmpty() && operator.equals("Exists"));
            if (!keyMatches || !(effect.isEmpty() || effect.equals("NoExecute"))) {
                continue;
            }
            if (!t.hasNonNull("tolerationSeconds")) {
                return Optional.empty();
            }
            matched = true;
            Duration seconds = Duration.ofSeconds(Math.max(0, t.get("tolerationSeconds").asLong()));
            best = best == null || seconds.compareTo(best) > 0 ? seconds : best;
        }
        return Optional.of(matched ? best : fallback);
    }
}
