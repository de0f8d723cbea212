package io.kube4j.controllermanager.deployment;

import io.kube4j.common.api.apps.ReplicaSet;

/** The counts of one ReplicaSet that a rollout step looks at. */
record RsState(String name, int spec, int current, int available, long revision) {

    static final String REVISION = "deployment.kubernetes.io/revision";

    static RsState of(ReplicaSet rs) {
        return new RsState(rs.metadata().name(), rs.spec().path("replicas").asInt(1), rs.status().path("replicas").asInt(0),
                // a status written before the last scale-down may still count pods that are going
                Math.min(rs.status().path("availableReplicas").asInt(0), rs.spec().path("replicas").asInt(1)), revision(rs));
    }

    static long revision(ReplicaSet rs) {
        try {
            return Long.parseLong(rs.metadata().annotations().getOrDefault(REVISION, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Pods that exist or are about to: the larger of the wanted and the counted. */
    int footprint() {
        return Math.max(spec, current);
    }
}
