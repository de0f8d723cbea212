package io.kube4j.apiserver.registry;

import java.util.List;
import java.util.Set;

/**
 * One served resource: the row of the table every generic path reads (storage keys, discovery,
 * OpenAPI, tables, validation). Nothing in the apiserver knows a kind except through this row
 * and its {@link Strategy}.
 *
 * @param group        API group, "" for core
 * @param version      API version
 * @param plural       URL name, e.g. {@code pods}
 * @param singular     singular name, e.g. {@code pod}
 * @param kind         object kind, e.g. {@code Pod}
 * @param namespaced   whether objects live in a namespace
 * @param shortNames   kubectl short names
 * @param subresources served subresources ({@code status}, {@code scale}, {@code binding}, …)
 * @param categories   discovery categories ({@code all})
 * @param verbs        verbs on the main resource
 * @param strategy     per-kind behaviour
 */
public record ResourceType(String group, String version, String plural, String singular, String kind,
                           boolean namespaced, List<String> shortNames, Set<String> subresources,
                           List<String> categories, List<String> verbs, Strategy strategy) {

    public static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public ResourceType {
        shortNames = List.copyOf(shortNames);
        subresources = Set.copyOf(subresources);
        categories = List.copyOf(categories);
        verbs = List.copyOf(verbs);
    }

    /** {@code v1} or {@code apps/v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code pods} or {@code deployments.apps}, as Kubernetes names a resource in messages. */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public String listKind() {
        return kind + "List";
    }

    public boolean hasStatus() {
        return subresources.contains("status");
    }

    /** The etcd key prefix of every object of this type: {@code <root>/<group|core>/<plural>/}. */
    public String keyPrefix(String root) {
        return root + "/" + (group.isEmpty() ? "core" : group) + "/" + plural + "/";
    }

    /** The etcd key of one object; {@code namespace} is ignored for cluster-scoped types. */
    public String key(String root, String namespace, String name) {
        return namespaced ? keyPrefix(root) + namespace + "/" + name : keyPrefix(root) + name;
    }

    /** The key prefix of one namespace's objects, or of all objects for cluster-scoped types. */
    public String namespacePrefix(String root, String namespace) {
        return namespaced && namespace != null && !namespace.isEmpty() ? keyPrefix(root) + namespace + "/" : keyPrefix(root);
    }
}
