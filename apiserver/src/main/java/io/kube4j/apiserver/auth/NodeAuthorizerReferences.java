package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The objects a pod makes its node read: secrets, config maps and claims of its volumes
 * (projected sources included), of its containers' env and envFrom, its image pull secrets and its
 * service account. What the Node authorizer's graph holds in Kubernetes, computed from one pod.
 */
final class NodeAuthorizerReferences {

    private NodeAuthorizerReferences() {
    }

    /**
     * @param resource {@code secrets}, {@code configmaps}, {@code persistentvolumeclaims} or {@code serviceaccounts}
     * @return the names of that resource {@code pod} refers to
     */
    static Set<String> of(JsonNode pod, String resource) {
        JsonNode spec = pod.path("spec");
        Set<String> names = new HashSet<>();
        switch (resource) {
            case "secrets" -> {
                spec.path("imagePullSecrets").forEach(s -> add(names, s.path("name")));
                volumes(spec, names, "secret", "secretName");
                containers(spec, names, "secretKeyRef", "secretRef");
            }
            case "configmaps" -> {
                volumes(spec, names, "configMap", "name");
                containers(spec, names, "configMapKeyRef", "configMapRef");
            }
            case "persistentvolumeclaims" -> spec.path("volumes").forEach(v -> add(names, v.path("persistentVolumeClaim").path("claimName")));
            case "serviceaccounts" -> {
                String account = spec.path("serviceAccountName").asText("");
                names.add(account.isEmpty() ? "default" : account);
            }
            default -> {
            }
        }
        return names;
    }

    /** {@code volumes[].<source>.<field>} and the same source inside projected volumes. */
    private static void volumes(JsonNode spec, Set<String> names, String source, String field) {
        for (JsonNode volume : spec.path("volumes")) {
            add(names, volume.path(source).path(field));
            for (JsonNode projected : volume.path("projected").path("sources")) {
                add(names, projected.path(source).path("name"));
            }
        }
    }

    /** {@code env[].valueFrom.<keyRef>.name} and {@code envFrom[].<fromRef>.name} of every container kind. */
    private static void containers(JsonNode spec, Set<String> names, String keyRef, String fromRef) {
        for (String list : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
            for (JsonNode container : spec.path(list)) {
                container.path("env").forEach(e -> add(names, e.path("valueFrom").path(keyRef).path("name")));
                container.path("envFrom").forEach(e -> add(names, e.path(fromRef).path("name")));
            }
        }
    }

    private static void add(Set<String> names, JsonNode name) {
        if (name.isTextual() && !name.asText().isEmpty()) {
            names.add(name.asText());
        }
    }
}
