package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.MetaSchema.CONDITION;
import static io.kube4j.apiserver.protobuf.MetaSchema.OBJECT_META;

/**
 * k8s.io/api core/v1 outside the pod: namespaces, config maps, secrets, service accounts,
 * services, quotas, bindings, endpoints, and the references they share.
 */
final class CoreSchema {

    static final String OBJECT_REFERENCE = "core.ObjectReference";
    static final String LOCAL_OBJECT_REFERENCE = "core.LocalObjectReference";
    static final String TYPED_LOCAL_OBJECT_REFERENCE = "core.TypedLocalObjectReference";

    private CoreSchema() {
    }

    static void register(Schema.Builder schema) {
        references(schema);
        schema.message("core.Namespace")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "core.NamespaceSpec")
                .object(3, "status", "core.NamespaceStatus");
        schema.message("core.NamespaceSpec")
                .strings(1, "finalizers");
        schema.message("core.NamespaceStatus")
                .string(1, "phase")
                .objects(2, "conditions", "core.NamespaceCondition");
        schema.message("core.NamespaceCondition")
                .string(1, "type")
                .string(2, "status")
                .time(4, "lastTransitionTime")
                .string(5, "reason")
                .string(6, "message");
        schema.message("core.ConfigMap")
                .object(1, "metadata", OBJECT_META)
                .stringMap(2, "data")
                .bytesMap(3, "binaryData")
                .optBool(4, "immutable");
        schema.message("core.Secret")
                .object(1, "metadata", OBJECT_META)
                .bytesMap(2, "data")
                .string(3, "type")
                .stringMap(4, "stringData")
                .optBool(5, "immutable");
        schema.message("core.ServiceAccount")
                .object(1, "metadata", OBJECT_META)
                .objects(2, "secrets", OBJECT_REFERENCE)
                .objects(3, "imagePullSecrets", LOCAL_OBJECT_REFERENCE)
                .optBool(4, "automountServiceAccountToken");
        services(schema);
        schema.message("core.ResourceQuota")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "core.ResourceQuotaSpec")
                .object(3, "status", "core.ResourceQuotaStatus");
        schema.message("core.ResourceQuotaSpec")
                .quantityMap(1, "hard")
                .strings(2, "scopes")
                .object(3, "scopeSelector", "core.ScopeSelector");
        schema.message("core.ScopeSelector")
                .objects(1, "matchExpressions", "core.ScopedResourceSelectorRequirement");
        schema.message("core.ScopedResourceSelectorRequirement")
                .string(1, "scopeName")
                .string(2, "operator")
                .strings(3, "values");
        schema.message("core.ResourceQuotaStatus")
                .quantityMap(1, "hard")
                .quantityMap(2, "used");
        schema.message("core.Binding")
                .object(1, "metadata", OBJECT_META)
                .object(2, "target", OBJECT_REFERENCE);
        endpoints(schema);

        schema.kind("v1", "Namespace", "core.Namespace")
                .kind("v1", "ConfigMap", "core.ConfigMap")
                .kind("v1", "Secret", "core.Secret")
                .kind("v1", "ServiceAccount", "core.ServiceAccount")
                .kind("v1", "Service", "core.Service")
                .kind("v1", "ResourceQuota", "core.ResourceQuota")
                .kind("v1", "Binding", "core.Binding")
                .kind("v1", "Endpoints", "core.Endpoints");
    }

    private static void references(Schema.Builder schema) {
        schema.message(OBJECT_REFERENCE)
                .string(1, "kind")
                .string(2, "namespace")
                .string(3, "name")
                .string(4, "uid")
                .string(5, "apiVersion")
                .string(6, "resourceVersion")
                .string(7, "fieldPath");
        schema.message(LOCAL_OBJECT_REFERENCE)
                .string(1, "name");
        schema.message(TYPED_LOCAL_OBJECT_REFERENCE)
                .optString(1, "apiGroup")
                .string(2, "kind")
                .string(3, "name");
    }

    private static void services(Schema.Builder schema) {
        schema.message("core.Service")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "core.ServiceSpec")
                .object(3, "status", "core.ServiceStatus");
        schema.message("core.ServiceSpec")
                .objects(1, "ports", "core.ServicePort")
                .stringMap(2, "selector")
                .string(3, "clusterIP")
                .string(4, "type")
                .strings(5, "externalIPs")
                .string(7, "sessionAffinity")
                .string(8, "loadBalancerIP")
                .strings(9, "loadBalancerSourceRanges")
                .string(10, "externalName")
                .string(11, "externalTrafficPolicy")
                .int32(12, "healthCheckNodePort")
                .bool(13, "publishNotReadyAddresses")
                .object(14, "sessionAffinityConfig", "core.SessionAffinityConfig")
                .optString(17, "ipFamilyPolicy")
                .strings(18, "clusterIPs")
                .strings(19, "ipFamilies")
                .optBool(20, "allocateLoadBalancerNodePorts")
                .optString(21, "loadBalancerClass")
                .optString(22, "internalTrafficPolicy");
        schema.message("core.ServicePort")
                .string(1, "name")
                .string(2, "protocol")
                .int32(3, "port")
                .intOrString(4, "targetPort")
                .int32(5, "nodePort")
                .optString(6, "appProtocol");
        schema.message("core.SessionAffinityConfig")
                .object(1, "clientIP", "core.ClientIPConfig");
        schema.message("core.ClientIPConfig")
                .optInt32(1, "timeoutSeconds");
        schema.message("core.ServiceStatus")
                .object(1, "loadBalancer", "core.LoadBalancerStatus")
                .objects(2, "conditions", CONDITION);
        schema.message("core.LoadBalancerStatus")
                .objects(1, "ingress", "core.LoadBalancerIngress");
        schema.message("core.LoadBalancerIngress")
                .string(1, "ip")
                .string(2, "hostname")
                .objects(4, "ports", "core.PortStatus");
        schema.message("core.PortStatus")
                .int32(1, "port")
                .string(2, "protocol")
                .optString(3, "error");
    }

    private static void endpoints(Schema.Builder schema) {
        schema.message("core.Endpoints")
                .object(1, "metadata", OBJECT_META)
                .objects(2, "subsets", "core.EndpointSubset");
        schema.message("core.EndpointSubset")
                .objects(1, "addresses", "core.EndpointAddress")
                .objects(2, "notReadyAddresses", "core.EndpointAddress")
                .objects(3, "ports", "core.EndpointPort");
        schema.message("core.EndpointAddress")
                .string(1, "ip")
                .object(2, "targetRef", OBJECT_REFERENCE)
                .string(3, "hostname")
                .optString(4, "nodeName");
        schema.message("core.EndpointPort")
                .string(1, "name")
                .int32(2, "port")
                .string(3, "protocol")
                .optString(4, "appProtocol");
    }
}
