package io.kube4j.controllermanager.util;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Pod facts every workload controller asks: active, ready, available. */
public final class Pods {

    private Pods() {
    }

    /** Neither finished nor being deleted: it counts toward a workload's replicas. */
    public static boolean isActive(Pod pod) {
        String phase = pod.phase();
        return !phase.equals("Succeeded") && !phase.equals("Failed") && !pod.metadata().isBeingDeleted();
    }

    public static Optional<JsonNode> condition(Pod pod, String type) {
        for (JsonNode c : pod.json().path("status").path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static boolean isReady(Pod pod) {
        return condition(pod, "Ready").map(c -> c.path("status").asText().equals("True")).orElse(false);
    }

    /** When the pod became ready, if it is. */
    public static Optional<Instant> readySince(Pod pod) {
        if (!isReady(pod)) {
            return Optional.empty();
        }
        String since = condition(pod, "Ready").map(c -> c.path("lastTransitionTime").asText("")).orElse("");
        try {
            return Optional.of(since.isEmpty() ? Instant.EPOCH : Instant.parse(since));
        } catch (RuntimeException e) {
            return Optional.of(Instant.EPOCH);
        }
    }

    /** Ready for at least {@code minReady}. */
    public static boolean isAvailable(Pod pod, Duration minReady, Instant now) {
        return readySince(pod).map(t -> minReady.isZero() || !t.plus(minReady).isAfter(now)).orElse(false);
    }

    /** How long until a ready pod becomes available; empty when not ready or already available. */
    public static Optional<Duration> untilAvailable(Pod pod, Duration minReady, Instant now) {
        return readySince(pod).map(t -> Duration.between(now, t.plus(minReady))).filter(d -> !d.isNegative() && !d.isZero());
    }
}
