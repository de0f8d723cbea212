package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.meta.StatusException;
import java.util.Optional;
import java.util.Set;

/**
 * NamespaceLifecycle: nothing is created in a namespace that does not exist (404) or is being
 * terminated (403), and the four system namespaces cannot be deleted (403).
 */
final class NamespaceLifecycle implements AdmissionPlugin {

    static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final ClusterReader reader;

    NamespaceLifecycle(ClusterReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "NamespaceLifecycle";
    }

    @Override
    public void validate(AdmissionRequest request) {
        ResourceType type = request.type();
        if (request.operation() == AdmissionRequest.Operation.DELETE && isNamespaces(type)
                && IMMORTAL.contains(request.name())) {
            throw Rejections.forbidden(request, "this namespace may not be deleted");
        }
        if (request.operation() != AdmissionRequest.Operation.CREATE || !type.namespaced()) {
            return;
        }
        String namespace = request.namespace();
        ResourceType namespaces = reader.type("", "v1", "namespaces");
        Optional<ObjectNode> found = reader.get(namespaces, "", namespace);
        if (found.isEmpty()) {
            throw StatusException.notFound("namespaces", namespace);
        }
        if ("Terminating".equals(found.get().path("status").path("phase").asText())) {
            throw Rejections.forbidden(request, "unable to create new content in namespace " + namespace
                    + " because it is being terminated");
        }
    }

    private static boolean isNamespaces(ResourceType type) {
        return type.group().isEmpty() && type.plural().equals("namespaces");
    }
}
