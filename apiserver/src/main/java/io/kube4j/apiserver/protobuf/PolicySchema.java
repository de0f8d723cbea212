package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.MetaSchema.CONDITION;
import static io.kube4j.apiserver.protobuf.MetaSchema.DELETE_OPTIONS;
import static io.kube4j.apiserver.protobuf.MetaSchema.LABEL_SELECTOR;
import static io.kube4j.apiserver.protobuf.MetaSchema.OBJECT_META;

/**
 * The small groups around pod disruption and scheduling: policy/v1 (evictions, disruption
 * budgets), scheduling.k8s.io/v1 (priority classes) and coordination.k8s.io/v1 (leases).
 */
final class PolicySchema {

    private PolicySchema() {
    }

    static void register(Schema.Builder schema) {
        schema.message("policy.Eviction")
                .object(1, "metadata", OBJECT_META)
                .object(2, "deleteOptions", DELETE_OPTIONS);
        schema.message("policy.PodDisruptionBudget")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "policy.PodDisruptionBudgetSpec")
                .object(3, "status", "policy.PodDisruptionBudgetStatus");
        schema.message("policy.PodDisruptionBudgetSpec")
                .intOrString(1, "minAvailable")
                .object(2, "selector", LABEL_SELECTOR)
                .intOrString(3, "maxUnavailable")
                .optString(4, "unhealthyPodEvictionPolicy");
        schema.message("policy.PodDisruptionBudgetStatus")
                .int64(1, "observedGeneration")
                .timeMap(2, "disruptedPods")
                // Without omitempty, as is value below: Go's JSON always has them.
                .optInt32(3, "disruptionsAllowed")
                .optInt32(4, "currentHealthy")
                .optInt32(5, "desiredHealthy")
                .optInt32(6, "expectedPods")
                .objects(7, "conditions", CONDITION);
        schema.message("scheduling.PriorityClass")
                .object(1, "metadata", OBJECT_META)
                .optInt32(2, "value")
                .bool(3, "globalDefault")
                .string(4, "description")
                .optString(5, "preemptionPolicy");
        schema.message("coordination.Lease")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "coordination.LeaseSpec");
        schema.message("coordination.LeaseSpec")
                .optString(1, "holderIdentity")
                .optInt32(2, "leaseDurationSeconds")
                .microTime(3, "acquireTime")
                .microTime(4, "renewTime")
                .optInt32(5, "leaseTransitions");

        schema.kind("policy/v1", "Eviction", "policy.Eviction")
                .kind("policy/v1beta1", "Eviction", "policy.Eviction")
                .kind("policy/v1", "PodDisruptionBudget", "policy.PodDisruptionBudget")
                .kind("scheduling.k8s.io/v1", "PriorityClass", "scheduling.PriorityClass")
                .kind("coordination.k8s.io/v1", "Lease", "coordination.Lease");
    }
}
