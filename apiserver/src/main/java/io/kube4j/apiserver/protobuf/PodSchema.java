package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.CoreSchema.LOCAL_OBJECT_REFERENCE;
import static io.kube4j.apiserver.protobuf.MetaSchema.LABEL_SELECTOR;
import static io.kube4j.apiserver.protobuf.MetaSchema.OBJECT_META;

/**
 * k8s.io/api core/v1 pods: the pod, its spec and template, containers and what they use. Volumes,
 * security contexts and affinity are in {@link VolumeSchema}.
 */
final class PodSchema {

    static final String POD_TEMPLATE_SPEC = "core.PodTemplateSpec";

    private PodSchema() {
    }

    static void register(Schema.Builder schema) {
        schema.message("core.Pod")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "core.PodSpec")
                .object(3, "status", "core.PodStatus");
        schema.message(POD_TEMPLATE_SPEC)
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "core.PodSpec");
        podSpec(schema);
        containers(schema);
        environment(schema);
        probes(schema);
        podStatus(schema);
        schema.kind("v1", "Pod", "core.Pod");
    }

    private static void podSpec(Schema.Builder schema) {
        schema.message("core.PodSpec")
                .objects(1, "volumes", "core.Volume")
                .objects(2, "containers", "core.Container")
                .string(3, "restartPolicy")
                .optInt64(4, "terminationGracePeriodSeconds")
                .optInt64(5, "activeDeadlineSeconds")
                .string(6, "dnsPolicy")
                .stringMap(7, "nodeSelector")
                .string(8, "serviceAccountName")
                .string(9, "serviceAccount")
                .string(10, "nodeName")
                .bool(11, "hostNetwork")
                .bool(12, "hostPID")
                .bool(13, "hostIPC")
                .object(14, "securityContext", "core.PodSecurityContext")
                .objects(15, "imagePullSecrets", LOCAL_OBJECT_REFERENCE)
                .string(16, "hostname")
                .string(17, "subdomain")
                .object(18, "affinity", "core.Affinity")
                .string(19, "schedulerName")
                .objects(20, "initContainers", "core.Container")
                .optBool(21, "automountServiceAccountToken")
                .objects(22, "tolerations", "core.Toleration")
                .objects(23, "hostAliases", "core.HostAlias")
                .string(24, "priorityClassName")
                .optInt32(25, "priority")
                .object(26, "dnsConfig", "core.PodDNSConfig")
                .optBool(27, "shareProcessNamespace")
                .objects(28, "readinessGates", "core.PodReadinessGate")
                .optString(29, "runtimeClassName")
                .optBool(30, "enableServiceLinks")
                .optString(31, "preemptionPolicy")
                .quantityMap(32, "overhead")
                .objects(33, "topologySpreadConstraints", "core.TopologySpreadConstraint")
                .optBool(35, "setHostnameAsFQDN");
        schema.message("core.Toleration")
                .string(1, "key")
                .string(2, "operator")
                .string(3, "value")
                .string(4, "effect")
                .optInt64(5, "tolerationSeconds");
        schema.message("core.HostAlias")
                .string(1, "ip")
                .strings(2, "hostnames");
        schema.message("core.PodDNSConfig")
                .strings(1, "nameservers")
                .strings(2, "searches")
                .objects(3, "options", "core.PodDNSConfigOption");
        schema.message("core.PodDNSConfigOption")
                .string(1, "name")
                .optString(2, "value");
        schema.message("core.PodReadinessGate")
                .string(1, "conditionType");
        schema.message("core.TopologySpreadConstraint")
                .int32(1, "maxSkew")
                .string(2, "topologyKey")
                .string(3, "whenUnsatisfiable")
                .object(4, "labelSelector", LABEL_SELECTOR);
    }

    private static void containers(Schema.Builder schema) {
        schema.message("core.Container")
                .string(1, "name")
                .string(2, "image")
                .strings(3, "command")
                .strings(4, "args")
                .string(5, "workingDir")
                .objects(6, "ports", "core.ContainerPort")
                .objects(7, "env", "core.EnvVar")
                .object(8, "resources", "core.ResourceRequirements")
                .objects(9, "volumeMounts", "core.VolumeMount")
                .object(10, "livenessProbe", "core.Probe")
                .object(11, "readinessProbe", "core.Probe")
                .object(12, "lifecycle", "core.Lifecycle")
                .string(13, "terminationMessagePath")
                .string(14, "imagePullPolicy")
                .object(15, "securityContext", "core.SecurityContext")
                .bool(16, "stdin")
                .bool(17, "stdinOnce")
                .bool(18, "tty")
                .objects(19, "envFrom", "core.EnvFromSource")
                .string(20, "terminationMessagePolicy")
                .objects(21, "volumeDevices", "core.VolumeDevice")
                .object(22, "startupProbe", "core.Probe");
        schema.message("core.ContainerPort")
                .string(1, "name")
                .int32(2, "hostPort")
                .int32(3, "containerPort")
                .string(4, "protocol")
                .string(5, "hostIP");
        schema.message("core.ResourceRequirements")
                .quantityMap(1, "limits")
                .quantityMap(2, "requests");
        schema.message("core.VolumeMount")
                .string(1, "name")
                .bool(2, "readOnly")
                .string(3, "mountPath")
                .string(4, "subPath")
                .optString(5, "mountPropagation")
                .string(6, "subPathExpr");
        schema.message("core.VolumeDevice")
                .string(1, "name")
                .string(2, "devicePath");
    }

    private static void environment(Schema.Builder schema) {
        schema.message("core.EnvVar")
                .string(1, "name")
                .string(2, "value")
                .object(3, "valueFrom", "core.EnvVarSource");
        schema.message("core.EnvVarSource")
                .object(1, "fieldRef", "core.ObjectFieldSelector")
                .object(2, "resourceFieldRef", "core.ResourceFieldSelector")
                .object(3, "configMapKeyRef", "core.ConfigMapKeySelector")
                .object(4, "secretKeyRef", "core.SecretKeySelector");
        schema.message("core.ObjectFieldSelector")
                .string(1, "apiVersion")
                .string(2, "fieldPath");
        schema.message("core.ResourceFieldSelector")
                .string(1, "containerName")
                .string(2, "resource")
                .quantity(3, "divisor");
        schema.message("core.ConfigMapKeySelector")
                .inline(1, LOCAL_OBJECT_REFERENCE)
                .string(2, "key")
                .optBool(3, "optional");
        schema.message("core.SecretKeySelector")
                .inline(1, LOCAL_OBJECT_REFERENCE)
                .string(2, "key")
                .optBool(3, "optional");
        schema.message("core.EnvFromSource")
                .string(1, "prefix")
                .object(2, "configMapRef", "core.ConfigMapEnvSource")
                .object(3, "secretRef", "core.SecretEnvSource");
        schema.message("core.ConfigMapEnvSource")
                .inline(1, LOCAL_OBJECT_REFERENCE)
                .optBool(2, "optional");
        schema.message("core.SecretEnvSource")
                .inline(1, LOCAL_OBJECT_REFERENCE)
                .optBool(2, "optional");
    }

    private static void probes(Schema.Builder schema) {
        schema.message("core.Probe")
                .inline(1, "core.ProbeHandler")
                .int32(2, "initialDelaySeconds")
                .int32(3, "timeoutSeconds")
                .int32(4, "periodSeconds")
                .int32(5, "successThreshold")
                .int32(6, "failureThreshold")
                .optInt64(7, "terminationGracePeriodSeconds");
        // ProbeHandler and LifecycleHandler (once both "Handler") share their first three fields.
        schema.message("core.ProbeHandler")
                .object(1, "exec", "core.ExecAction")
                .object(2, "httpGet", "core.HTTPGetAction")
                .object(3, "tcpSocket", "core.TCPSocketAction");
        schema.message("core.Lifecycle")
                .object(1, "postStart", "core.ProbeHandler")
                .object(2, "preStop", "core.ProbeHandler");
        schema.message("core.ExecAction")
                .strings(1, "command");
        schema.message("core.HTTPGetAction")
                .string(1, "path")
                .intOrString(2, "port")
                .string(3, "host")
                .string(4, "scheme")
                .objects(5, "httpHeaders", "core.HTTPHeader");
        schema.message("core.HTTPHeader")
                .string(1, "name")
                .string(2, "value");
        schema.message("core.TCPSocketAction")
                .intOrString(1, "port")
                .string(2, "host");
    }

    private static void podStatus(Schema.Builder schema) {
        schema.message("core.PodStatus")
                .string(1, "phase")
                .objects(2, "conditions", "core.PodCondition")
                .string(3, "message")
                .string(4, "reason")
                .string(5, "hostIP")
                .string(6, "podIP")
                .time(7, "startTime")
                .string(9, "qosClass")
                .string(11, "nominatedNodeName")
                .objects(12, "podIPs", "core.PodIP");
        schema.message("core.PodCondition")
                .string(1, "type")
                .string(2, "status")
                .time(3, "lastProbeTime")
                .time(4, "lastTransitionTime")
                .string(5, "reason")
                .string(6, "message");
        schema.message("core.PodIP")
                .string(1, "ip");
    }
}
