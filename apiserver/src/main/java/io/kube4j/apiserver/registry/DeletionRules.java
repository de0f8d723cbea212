package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;

/**
 * What a delete does to an object that cannot go at once: finalizers from the propagation policy,
 * a namespace that turns Terminating, a bound pod that waits out its grace period for its kubelet.
 */
final class DeletionRules {

    private final Clock clock;

    DeletionRules(Clock clock) {
        this.clock = clock;
    }

    /** The object marked for deletion when it cannot go at once, or null to delete it now. */
    ObjectNode pending(ResourceType type, ObjectNode old, DeleteOptions options) {
        ObjectNode object = old.deepCopy();
        ObjectNode meta = (ObjectNode) object.get("metadata");
        boolean deleting = meta.has("deletionTimestamp");
        ArrayNode finalizers = meta.get("finalizers") instanceof ArrayNode a ? a : meta.putArray("finalizers");
        String policy = options.propagationPolicy();
        if ("Orphan".equals(policy) && !GenericStore.contains(finalizers, "orphan") && !deleting) {
            finalizers.add("orphan");
        } else if ("Foreground".equals(policy) && !GenericStore.contains(finalizers, "foregroundDeletion") && !deleting) {
            finalizers.add("foregroundDeletion");
        }
        if (finalizers.isEmpty()) {
            meta.remove("finalizers");
        }
        boolean waitsForFinalizers = !finalizers.isEmpty();
        if (type.kind().equals("Namespace")) {
            if (object.path("spec").path("finalizers").size() > 0 || waitsForFinalizers) {
                Nodes.object(object, "status").put("phase", "Terminating");
                if (!deleting) {
                    meta.put("deletionTimestamp", GenericStore.timestamp(clock.instant()));
                    meta.put("deletionGracePeriodSeconds", 0);
                }
                return object;
            }
            return null;
        }
        if (type.kind().equals("Pod")) {
            long grace = gracePeriod(object, options);
            boolean bound = !object.path("spec").path("nodeName").asText("").isEmpty();
            String phase = object.path("status").path("phase").asText("");
            boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
            if (bound && !terminal && grace > 0) {
                long current = meta.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
                if (!deleting || grace < current) {
                    meta.put("deletionTimestamp", GenericStore.timestamp(clock.instant().plusSeconds(grace)));
                    meta.put("deletionGracePeriodSeconds", grace);
                }
                return object;
            }
            if (waitsForFinalizers) {
                if (!deleting) {
                    meta.put("deletionTimestamp", GenericStore.timestamp(clock.instant()));
                }
                meta.put("deletionGracePeriodSeconds", 0);
                return object;
            }
            return null;
        }
        if (waitsForFinalizers) {
            if (!deleting) {
                meta.put("deletionTimestamp", GenericStore.timestamp(clock.instant()));
                meta.put("deletionGracePeriodSeconds", 0);
            }
            return object;
        }
        return null;
    }

    private static long gracePeriod(ObjectNode pod, DeleteOptions options) {
        if (options.gracePeriodSeconds() != null) {
            return Math.max(0, options.gracePeriodSeconds());
        }
        JsonNode spec = pod.path("spec").path("terminationGracePeriodSeconds");
        return spec.isNumber() ? Math.max(0, spec.asLong()) : 30;
    }
}
