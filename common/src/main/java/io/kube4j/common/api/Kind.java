package io.kube4j.common.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * What a client needs to know of a resource type to reach it: group, version, URL plural,
 * scope, and how to wrap a JSON tree in its typed class.
 */
public record Kind<T extends KubeObject>(String group, String version, String plural, String kind,
                                         boolean namespaced, Function<ObjectNode, T> factory) {

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code /api/v1} or {@code /apis/apps/v1}. */
    public String groupVersionPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /**
     * The collection path in a namespace ("" = all namespaces, and always for cluster-scoped
     * kinds), optionally with an object name and subresource.
     */
    public String path(String namespace, String name, String subresource) {
        StringBuilder path = new StringBuilder(groupVersionPath());
        if (namespaced && namespace != null && !namespace.isEmpty()) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(plural);
        if (name != null && !name.isEmpty()) {
            path.append('/').append(name);
            if (subresource != null && !subresource.isEmpty()) {
                path.append('/').append(subresource);
            }
        }
        return path.toString();
    }

    public T wrap(ObjectNode json) {
        return factory.apply(json);
    }
}
