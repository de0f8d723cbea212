package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.CoreSchema.LOCAL_OBJECT_REFERENCE;
import static io.kube4j.apiserver.protobuf.MetaSchema.LABEL_SELECTOR;

/**
 * k8s.io/api core/v1 around the pod spec: volumes (the common sources only), security contexts
 * and affinity. Volume sources not listed here (cloud disks, iSCSI, CSI...) are skipped.
 */
final class VolumeSchema {

    private VolumeSchema() {
    }

    static void register(Schema.Builder schema) {
        volumes(schema);
        projections(schema);
        security(schema);
        affinity(schema);
    }

    private static void volumes(Schema.Builder schema) {
        schema.message("core.Volume")
                .string(1, "name")
                .inline(2, "core.VolumeSource");
        schema.message("core.VolumeSource")
                .object(1, "hostPath", "core.HostPathVolumeSource")
                .object(2, "emptyDir", "core.EmptyDirVolumeSource")
                .object(6, "secret", "core.SecretVolumeSource")
                .object(7, "nfs", "core.NFSVolumeSource")
                .object(10, "persistentVolumeClaim", "core.PersistentVolumeClaimVolumeSource")
                .object(16, "downwardAPI", "core.DownwardAPIVolumeSource")
                .object(19, "configMap", "core.ConfigMapVolumeSource")
                .object(26, "projected", "core.ProjectedVolumeSource");
        schema.message("core.HostPathVolumeSource")
                .string(1, "path")
                .optString(2, "type");
        schema.message("core.EmptyDirVolumeSource")
                .string(1, "medium")
                .quantity(2, "sizeLimit");
        schema.message("core.SecretVolumeSource")
                .string(1, "secretName")
                .objects(2, "items", "core.KeyToPath")
                .optInt32(3, "defaultMode")
                .optBool(4, "optional");
        schema.message("core.NFSVolumeSource")
                .string(1, "server")
                .string(2, "path")
                .bool(3, "readOnly");
        schema.message("core.PersistentVolumeClaimVolumeSource")
                .string(1, "claimName")
                .bool(2, "readOnly");
        schema.message("core.DownwardAPIVolumeSource")
                .objects(1, "items", "core.DownwardAPIVolumeFile")
                .optInt32(2, "defaultMode");
        schema.message("core.DownwardAPIVolumeFile")
                .string(1, "path")
                .object(2, "fieldRef", "core.ObjectFieldSelector")
                .object(3, "resourceFieldRef", "core.ResourceFieldSelector")
                .optInt32(4, "mode");
        schema.message("core.ConfigMapVolumeSource")
                .inline(1, LOCAL_OBJECT_REFERENCE)
                .objects(2, "items", "core.KeyToPath")
                .optInt32(3, "defaultMode")
                .optBool(4, "optional");
        schema.message("core.KeyToPath")
                .string(1, "key")
                .string(2, "path")
                .optInt32(3, "mode");
    }

    private static void projections(Schema.Builder schema) {
        schema.message("core.ProjectedVolumeSource")
                .objects(1, "sources", "core.VolumeProjection")
                .optInt32(2, "defaultMode");
        schema.message("core.VolumeProjection")
                .object(1, "secret", "core.SecretProjection")
                .object(2, "downwardAPI", "core.DownwardAPIProjection")
                .object(3, "configMap", "core.ConfigMapProjection")
                .object(4, "serviceAccountToken", "core.ServiceAccountTokenProjection");
        schema.message("core.SecretProjection")
                .inline(1, LOCAL_OBJECT_REFERENCE)
                .objects(2, "items", "core.KeyToPath")
                .optBool(4, "optional");
        schema.message("core.ConfigMapProjection")
                .inline(1, LOCAL_OBJECT_REFERENCE)
                .objects(2, "items", "core.KeyToPath")
                .optBool(4, "optional");
        schema.message("core.DownwardAPIProjection")
                .objects(1, "items", "core.DownwardAPIVolumeFile");
        schema.message("core.ServiceAccountTokenProjection")
                .string(1, "audience")
                .optInt64(2, "expirationSeconds")
                .string(3, "path");
    }

    private static void security(Schema.Builder schema) {
        schema.message("core.SecurityContext")
                .object(1, "capabilities", "core.Capabilities")
                .optBool(2, "privileged")
                .object(3, "seLinuxOptions", "core.SELinuxOptions")
                .optInt64(4, "runAsUser")
                .optBool(5, "runAsNonRoot")
                .optBool(6, "readOnlyRootFilesystem")
                .optBool(7, "allowPrivilegeEscalation")
                .optInt64(8, "runAsGroup")
                .optString(9, "procMount")
                .object(11, "seccompProfile", "core.SeccompProfile");
        schema.message("core.PodSecurityContext")
                .object(1, "seLinuxOptions", "core.SELinuxOptions")
                .optInt64(2, "runAsUser")
                .optBool(3, "runAsNonRoot")
                .int64s(4, "supplementalGroups")
                .optInt64(5, "fsGroup")
                .optInt64(6, "runAsGroup")
                .objects(7, "sysctls", "core.Sysctl")
                .optString(9, "fsGroupChangePolicy")
                .object(10, "seccompProfile", "core.SeccompProfile");
        schema.message("core.Capabilities")
                .strings(1, "add")
                .strings(2, "drop");
        schema.message("core.SELinuxOptions")
                .string(1, "user")
                .string(2, "role")
                .string(3, "type")
                .string(4, "level");
        schema.message("core.SeccompProfile")
                .string(1, "type")
                .optString(2, "localhostProfile");
        schema.message("core.Sysctl")
                .string(1, "name")
                .string(2, "value");
    }

    private static void affinity(Schema.Builder schema) {
        schema.message("core.Affinity")
                .object(1, "nodeAffinity", "core.NodeAffinity")
                .object(2, "podAffinity", "core.PodAffinity")
                .object(3, "podAntiAffinity", "core.PodAffinity");
        schema.message("core.NodeAffinity")
                .object(1, "requiredDuringSchedulingIgnoredDuringExecution", "core.NodeSelector")
                .objects(2, "preferredDuringSchedulingIgnoredDuringExecution", "core.PreferredSchedulingTerm");
        schema.message("core.NodeSelector")
                .objects(1, "nodeSelectorTerms", "core.NodeSelectorTerm");
        schema.message("core.NodeSelectorTerm")
                .objects(1, "matchExpressions", "core.NodeSelectorRequirement")
                .objects(2, "matchFields", "core.NodeSelectorRequirement");
        schema.message("core.NodeSelectorRequirement")
                .string(1, "key")
                .string(2, "operator")
                .strings(3, "values");
        schema.message("core.PreferredSchedulingTerm")
                .int32(1, "weight")
                .object(2, "preference", "core.NodeSelectorTerm");
        // PodAntiAffinity has the same two fields as PodAffinity.
        schema.message("core.PodAffinity")
                .objects(1, "requiredDuringSchedulingIgnoredDuringExecution", "core.PodAffinityTerm")
                .objects(2, "preferredDuringSchedulingIgnoredDuringExecution", "core.WeightedPodAffinityTerm");
        schema.message("core.PodAffinityTerm")
                .object(1, "labelSelector", LABEL_SELECTOR)
                .strings(2, "namespaces")
                .string(3, "topologyKey")
                .object(4, "namespaceSelector", LABEL_SELECTOR);
        schema.message("core.WeightedPodAffinityTerm")
                .int32(1, "weight")
                .object(2, "podAffinityTerm", "core.PodAffinityTerm");
    }
}
