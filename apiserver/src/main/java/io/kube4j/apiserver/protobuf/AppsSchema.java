package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.MetaSchema.LABEL_SELECTOR;
import static io.kube4j.apiserver.protobuf.MetaSchema.OBJECT_META;
import static io.kube4j.apiserver.protobuf.PodSchema.POD_TEMPLATE_SPEC;

/** k8s.io/api apps/v1: deployments, replica sets and daemon sets. */
final class AppsSchema {

    private AppsSchema() {
    }

    static void register(Schema.Builder schema) {
        deployments(schema);
        replicaSets(schema);
        daemonSets(schema);
        schema.kind("apps/v1", "Deployment", "apps.Deployment")
                .kind("apps/v1", "ReplicaSet", "apps.ReplicaSet")
                .kind("apps/v1", "DaemonSet", "apps.DaemonSet");
    }

    private static void deployments(Schema.Builder schema) {
        schema.message("apps.Deployment")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "apps.DeploymentSpec")
                .object(3, "status", "apps.DeploymentStatus");
        schema.message("apps.DeploymentSpec")
                .optInt32(1, "replicas")
                .object(2, "selector", LABEL_SELECTOR)
                .object(3, "template", POD_TEMPLATE_SPEC)
                .object(4, "strategy", "apps.DeploymentStrategy")
                .int32(5, "minReadySeconds")
                .optInt32(6, "revisionHistoryLimit")
                .bool(7, "paused")
                .optInt32(9, "progressDeadlineSeconds");
        schema.message("apps.DeploymentStrategy")
                .string(1, "type")
                .object(2, "rollingUpdate", "apps.RollingUpdate");
        // RollingUpdateDeployment and RollingUpdateDaemonSet: {1: maxUnavailable, 2: maxSurge}.
        schema.message("apps.RollingUpdate")
                .intOrString(1, "maxUnavailable")
                .intOrString(2, "maxSurge");
        schema.message("apps.DeploymentStatus")
                .int64(1, "observedGeneration")
                .int32(2, "replicas")
                .int32(3, "updatedReplicas")
                .int32(4, "availableReplicas")
                .int32(5, "unavailableReplicas")
                .objects(6, "conditions", "apps.DeploymentCondition")
                .int32(7, "readyReplicas")
                .optInt32(8, "collisionCount");
        schema.message("apps.DeploymentCondition")
                .string(1, "type")
                .string(2, "status")
                .string(4, "reason")
                .string(5, "message")
                .time(6, "lastUpdateTime")
                .time(7, "lastTransitionTime");
    }

    private static void replicaSets(Schema.Builder schema) {
        schema.message("apps.ReplicaSet")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "apps.ReplicaSetSpec")
                .object(3, "status", "apps.ReplicaSetStatus");
        schema.message("apps.ReplicaSetSpec")
                .optInt32(1, "replicas")
                .object(2, "selector", LABEL_SELECTOR)
                .object(3, "template", POD_TEMPLATE_SPEC)
                .int32(4, "minReadySeconds");
        schema.message("apps.ReplicaSetStatus")
                .int32(1, "replicas")
                .int32(2, "fullyLabeledReplicas")
                .int64(3, "observedGeneration")
                .int32(4, "readyReplicas")
                .int32(5, "availableReplicas")
                .objects(6, "conditions", "apps.WorkloadCondition");
        // ReplicaSetCondition and DaemonSetCondition share this layout.
        schema.message("apps.WorkloadCondition")
                .string(1, "type")
                .string(2, "status")
                .time(3, "lastTransitionTime")
                .string(4, "reason")
                .string(5, "message");
    }

    private static void daemonSets(Schema.Builder schema) {
        schema.message("apps.DaemonSet")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "apps.DaemonSetSpec")
                .object(3, "status", "apps.DaemonSetStatus");
        schema.message("apps.DaemonSetSpec")
                .object(1, "selector", LABEL_SELECTOR)
                .object(2, "template", POD_TEMPLATE_SPEC)
                .object(3, "updateStrategy", "apps.DaemonSetUpdateStrategy")
                .int32(4, "minReadySeconds")
                .optInt32(6, "revisionHistoryLimit");
        schema.message("apps.DaemonSetUpdateStrategy")
                .string(1, "type")
                .object(2, "rollingUpdate", "apps.RollingUpdate");
        schema.message("apps.DaemonSetStatus")
                .int32(1, "currentNumberScheduled")
                .int32(2, "numberMisscheduled")
                .int32(3, "desiredNumberScheduled")
                .int32(4, "numberReady")
                .int64(5, "observedGeneration")
                .int32(6, "updatedNumberScheduled")
                .int32(7, "numberAvailable")
                .int32(8, "numberUnavailable")
                .optInt32(9, "collisionCount")
                .objects(10, "conditions", "apps.WorkloadCondition");
    }
}
