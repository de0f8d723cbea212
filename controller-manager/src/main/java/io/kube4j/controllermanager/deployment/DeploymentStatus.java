package io.kube4j.controllermanager.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.apps.Deployment;
import io.kube4j.controllermanager.util.Conditions;
import io.kube4j.controllermanager.util.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Computes a Deployment's status as {@code kubectl rollout status} reads it: the counts summed
 * over its ReplicaSets, observedGeneration, and the Available and Progressing conditions
 * (ProgressDeadlineExceeded once no progress was seen for progressDeadlineSeconds).
 */
final class DeploymentStatus {

    private DeploymentStatus() {
    }

    /** Writes the new status into {@code copy} and answers when to look again (the progress deadline). */
    static Result compute(Deployment copy, String newRsName, RsCounts newRs, List<RsCounts> all, int maxUnavailable,
                          boolean progressed, Instant now) {
        ObjectNode status = copy.status();
        int replicas = copy.spec().path("replicas").asInt(1);
        int specTotal = all.stream().mapToInt(RsCounts::spec).sum();
        int current = all.stream().mapToInt(RsCounts::replicas).sum();
        int ready = all.stream().mapToInt(RsCounts::ready).sum();
        int available = all.stream().mapToInt(RsCounts::available).sum();
        int updated = newRs == null ? 0 : newRs.replicas();
        boolean moved = progressed || status.path("updatedReplicas").asInt(-1) != updated
                || status.path("availableReplicas").asInt(-1) != available || status.path("readyReplicas").asInt(-1) != ready
                || status.path("replicas").asInt(-1) != current;
        status.put("observedGeneration", copy.metadata().generation());
        status.put("replicas", current);
        status.put("updatedReplicas", updated);
        status.put("readyReplicas", ready);
        status.put("availableReplicas", available);
        status.put("unavailableReplicas", Math.max(0, specTotal - available));
        if (available >= replicas - maxUnavailable) {
            Conditions.set(status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now, true);
        } else {
            Conditions.set(status, "Available", "False", "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability.", now, true);
        }
        if (copy.spec().path("paused").asBoolean(false)) {
            Conditions.set(status, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now, true);
            return Result.DONE;
        }
        boolean complete = updated == replicas && available >= replicas && current == replicas && newRs != null;
        String rsText = "ReplicaSet \"" + newRsName + "\"";
        if (complete) {
            Conditions.set(status, "Progressing", "True", "NewReplicaSetAvailable", rsText + " has successfully progressed.",
                    now, true);
            return Result.DONE;
        }
        Duration deadline = Duration.ofSeconds(copy.spec().path("progressDeadlineSeconds").asLong(600));
        if (moved || Conditions.find(status, "Progressing").isEmpty()) {
            Conditions.set(status, "Progressing", "True", "ReplicaSetUpdated", rsText + " is progressing.", now, true);
            Conditions.find(status, "Progressing").ifPresent(c -> c.put("lastUpdateTime", Conditions.format(now)));
            return Result.after(deadline.plusSeconds(1));
        }
        Optional<ObjectNode> progressing = Conditions.find(status, "Progressing");
        Instant last = progressing.flatMap(c -> Conditions.time(c.get("lastUpdateTime"))).orElse(now);
        if (!last.plus(deadline).isAfter(now)) {
            if (!progressing.map(c -> c.path("reason").asText()).orElse("").equals("ProgressDeadlineExceeded")) {
                Conditions.set(status, "Progressing", "False", "ProgressDeadlineExceeded",
                        rsText + " has timed out progressing.", now, true);
            }
            return Result.DONE;
        }
        return Result.after(Duration.between(now, last.plus(deadline)).plusSeconds(1));
    }

    /** A ReplicaSet's counts as reported by its status (spec for the desired). */
    record RsCounts(int spec, int replicas, int ready, int available) {

        static RsCounts of(io.kube4j.common.api.apps.ReplicaSet rs) {
            ObjectNode s = rs.status();
            return new RsCounts(rs.spec().path("replicas").asInt(1), s.path("replicas").asInt(0),
                    s.path("readyReplicas").asInt(0), s.path("availableReplicas").asInt(0));
        }
    }
}
