package io.kube4j.apiserver.fieldvalidation;

import static io.kube4j.apiserver.fieldvalidation.Schema.listOf;
import static io.kube4j.apiserver.fieldvalidation.Schema.struct;

import java.util.Map;

/**
 * The fields each kind declares in Kubernetes 1.32, as far as described here: metadata and the
 * top level of every described kind, pod specs and containers wherever they are embedded, and the
 * specs of the workload, service, config map and secret kinds. Everything not described (status,
 * volumes, probes, affinity, …) is open, so a field is only ever called unknown where the table
 * is sure. Kinds without an entry are open.
 */
final class KnownFields {

    static final Schema OBJECT_META = struct("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
            "annotations", "ownerReferences", "finalizers", "managedFields");

    static final Schema CONTAINER = struct("name", "image", "command", "args", "workingDir", "envFrom", "resources",
            "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe",
            "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy",
            "securityContext", "stdin", "stdinOnce", "tty")
            .with("ports", listOf(struct("name", "hostPort", "containerPort", "protocol", "hostIP")))
            .with("env", listOf(struct("name", "value", "valueFrom")));

    static final Schema POD_SPEC = struct("volumes", "restartPolicy", "terminationGracePeriodSeconds",
            "activeDeadlineSeconds", "dnsPolicy", "nodeSelector", "serviceAccountName", "serviceAccount",
            "automountServiceAccountToken", "nodeName", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace",
            "securityContext", "imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName", "tolerations",
            "hostAliases", "priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName",
            "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN", "os",
            "hostUsers", "schedulingGates", "resourceClaims", "resources")
            .with("containers", listOf(CONTAINER))
            .with("initContainers", listOf(CONTAINER))
            .with("ephemeralContainers", listOf(CONTAINER.plus("targetContainerName")));

    static final Schema POD_TEMPLATE = struct().with("metadata", OBJECT_META).with("spec", POD_SPEC);

    static final Schema JOB_SPEC = struct("parallelism", "completions", "activeDeadlineSeconds", "podFailurePolicy",
            "successPolicy", "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "selector", "manualSelector",
            "ttlSecondsAfterFinished", "completionMode", "suspend", "podReplacementPolicy", "managedBy")
            .with("template", POD_TEMPLATE);

    private static final Map<String, Schema> KINDS = Map.ofEntries(
            Map.entry("Pod", object().with("spec", POD_SPEC)),
            Map.entry("PodTemplate", object().with("template", POD_TEMPLATE)),
            Map.entry("ReplicationController", object().with("spec",
                    struct("replicas", "minReadySeconds", "selector").with("template", POD_TEMPLATE))),
            Map.entry("Deployment", object().with("spec", struct("replicas", "selector", "strategy", "minReadySeconds",
                    "revisionHistoryLimit", "paused", "progressDeadlineSeconds").with("template", POD_TEMPLATE))),
            Map.entry("ReplicaSet", object().with("spec",
                    struct("replicas", "minReadySeconds", "selector").with("template", POD_TEMPLATE))),
            Map.entry("StatefulSet", object().with("spec", struct("replicas", "selector", "volumeClaimTemplates",
                    "serviceName", "podManagementPolicy", "updateStrategy", "revisionHistoryLimit", "minReadySeconds",
                    "persistentVolumeClaimRetentionPolicy", "ordinals").with("template", POD_TEMPLATE))),
            Map.entry("DaemonSet", object().with("spec", struct("selector", "updateStrategy", "minReadySeconds",
                    "revisionHistoryLimit").with("template", POD_TEMPLATE))),
            Map.entry("Job", object().with("spec", JOB_SPEC)),
            Map.entry("CronJob", object().with("spec", struct("schedule", "timeZone", "startingDeadlineSeconds",
                    "concurrencyPolicy", "suspend", "successfulJobsHistoryLimit", "failedJobsHistoryLimit")
                    .with("jobTemplate", struct().with("metadata", OBJECT_META).with("spec", JOB_SPEC)))),
            Map.entry("Service", object().with("spec", struct("selector", "clusterIP", "clusterIPs", "type",
                    "externalIPs", "sessionAffinity", "loadBalancerIP", "loadBalancerSourceRanges", "externalName",
                    "externalTrafficPolicy", "healthCheckNodePort", "publishNotReadyAddresses", "sessionAffinityConfig",
                    "ipFamilies", "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass",
                    "internalTrafficPolicy", "trafficDistribution")
                    .with("ports", listOf(struct("name", "protocol", "appProtocol", "port", "targetPort", "nodePort"))))),
            Map.entry("ConfigMap", top("data", "binaryData", "immutable")),
            Map.entry("Secret", top("data", "stringData", "type", "immutable")),
            Map.entry("Namespace", object()),
            Map.entry("ServiceAccount", top("secrets", "imagePullSecrets", "automountServiceAccountToken")));

    private KnownFields() {
    }

    /** The schema of a whole object of {@code kind}; open when the kind is not described. */
    static Schema of(String kind) {
        Schema schema = KINDS.get(kind);
        return schema != null ? schema : Schema.OPEN;
    }

    /** apiVersion, kind, metadata, spec and status. */
    private static Schema object() {
        return top("spec", "status");
    }

    private static Schema top(String... fields) {
        return struct("apiVersion", "kind").plus(fields).with("metadata", OBJECT_META);
    }
}
