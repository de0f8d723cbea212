package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.registry.ResourceType;

/** Small facts about pod requests that several plugins ask. */
final class Pods {

    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    private Pods() {
    }

    static boolean isPods(ResourceType type) {
        return type.group().isEmpty() && type.plural().equals("pods");
    }

    /** A write of the pod itself (not a subresource) with the given operation. */
    static boolean isPodWrite(AdmissionRequest request, AdmissionRequest.Operation operation) {
        return isPods(request.type()) && request.subresource().isEmpty() && request.operation() == operation;
    }

    static boolean isMirror(JsonNode pod) {
        return pod.path("metadata").path("annotations").has(MIRROR_ANNOTATION);
    }

    static String nodeName(JsonNode pod) {
        return pod.path("spec").path("nodeName").asText("");
    }
}
