package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.CoreSchema.TYPED_LOCAL_OBJECT_REFERENCE;
import static io.kube4j.apiserver.protobuf.MetaSchema.OBJECT_META;

/** k8s.io/api networking/v1: ingresses ({@code kubectl create ingress}). */
final class NetworkingSchema {

    private NetworkingSchema() {
    }

    static void register(Schema.Builder schema) {
        schema.message("networking.Ingress")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "networking.IngressSpec")
                .object(3, "status", "networking.IngressStatus");
        schema.message("networking.IngressSpec")
                .object(1, "defaultBackend", "networking.IngressBackend")
                .objects(2, "tls", "networking.IngressTLS")
                .objects(3, "rules", "networking.IngressRule")
                .optString(4, "ingressClassName");
        schema.message("networking.IngressBackend")
                .object(3, "resource", TYPED_LOCAL_OBJECT_REFERENCE)
                .object(4, "service", "networking.IngressServiceBackend");
        schema.message("networking.IngressServiceBackend")
                .string(1, "name")
                .object(2, "port", "networking.ServiceBackendPort");
        schema.message("networking.ServiceBackendPort")
                .string(1, "name")
                .int32(2, "number");
        schema.message("networking.IngressTLS")
                .strings(1, "hosts")
                .string(2, "secretName");
        schema.message("networking.IngressRule")
                .string(1, "host")
                .inline(2, "networking.IngressRuleValue");
        schema.message("networking.IngressRuleValue")
                .object(1, "http", "networking.HTTPIngressRuleValue");
        schema.message("networking.HTTPIngressRuleValue")
                .objects(1, "paths", "networking.HTTPIngressPath");
        schema.message("networking.HTTPIngressPath")
                .string(1, "path")
                .object(2, "backend", "networking.IngressBackend")
                .optString(3, "pathType");
        schema.message("networking.IngressStatus")
                .object(1, "loadBalancer", "networking.IngressLoadBalancerStatus");
        schema.message("networking.IngressLoadBalancerStatus")
                .objects(1, "ingress", "networking.IngressLoadBalancerIngress");
        schema.message("networking.IngressLoadBalancerIngress")
                .string(1, "ip")
                .string(2, "hostname")
                .objects(4, "ports", "networking.IngressPortStatus");
        schema.message("networking.IngressPortStatus")
                .int32(1, "port")
                .string(2, "protocol")
                .optString(3, "error");

        schema.kind("networking.k8s.io/v1", "Ingress", "networking.Ingress");
    }
}
