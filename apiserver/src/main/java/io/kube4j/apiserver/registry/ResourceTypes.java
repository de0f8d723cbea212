package io.kube4j.apiserver.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The table of served resources, looked up by group/version/plural. Immutable after construction. */
public final class ResourceTypes {

    private final Map<String, ResourceType> byPath = new LinkedHashMap<>();

    private ResourceTypes(Collection<ResourceType> types) {
        for (ResourceType type : types) {
            byPath.put(path(type.group(), type.version(), type.plural()), type);
        }
    }

    public static ResourceTypes of(Collection<ResourceType> types) {
        return new ResourceTypes(types);
    }

    /** The first-wave resources of DESIGN.md §3. */
    public static ResourceTypes standard() {
        List<ResourceType> t = new ArrayList<>();
        List<String> all = List.of("all");
        List<String> none = List.of();
        Set<String> status = Set.of("status");
        // core/v1
        t.add(type("", "v1", "namespaces", "Namespace", false, List.of("ns"), Set.of("status", "finalize"), none, Strategies.NAMESPACE));
        t.add(type("", "v1", "pods", "Pod", true, List.of("po"), Set.of("status", "binding", "log", "eviction"), all, Strategies.POD));
        t.add(type("", "v1", "nodes", "Node", false, List.of("no"), status, none, Strategies.NODE));
        t.add(type("", "v1", "services", "Service", true, List.of("svc"), status, all, Strategies.SERVICE));
        t.add(type("", "v1", "endpoints", "Endpoints", true, List.of("ep"), Set.of(), none, Strategies.NO_GENERATION));
        t.add(type("", "v1", "configmaps", "ConfigMap", true, List.of("cm"), Set.of(), none, Strategies.CONFIG_MAP));
        t.add(type("", "v1", "secrets", "Secret", true, List.of(), Set.of(), none, Strategies.SECRET));
        t.add(type("", "v1", "serviceaccounts", "ServiceAccount", true, List.of("sa"), Set.of("token"), none, Strategies.NO_GENERATION));
        t.add(type("", "v1", "events", "Event", true, List.of("ev"), Set.of(), none, Strategies.EVENT));
        t.add(type("", "v1", "replicationcontrollers", "ReplicationController", true, List.of("rc"), Set.of("status", "scale"), all, Strategies.REPLICATION_CONTROLLER));
        t.add(type("", "v1", "resourcequotas", "ResourceQuota", true, List.of("quota"), status, none, Strategies.DEFAULT));
        t.add(type("", "v1", "limitranges", "LimitRange", true, List.of("limits"), Set.of(), none, Strategies.DEFAULT));
        // apps/v1
        t.add(type("apps", "v1", "deployments", "Deployment", true, List.of("deploy"), Set.of("status", "scale"), all, Strategies.DEPLOYMENT));
        t.add(type("apps", "v1", "replicasets", "ReplicaSet", true, List.of("rs"), Set.of("status", "scale"), all, Strategies.REPLICA_SET));
        // batch/v1
        t.add(type("batch", "v1", "jobs", "Job", true, List.of(), status, all, Strategies.JOB));
        // coordination.k8s.io/v1
        t.add(type("coordination.k8s.io", "v1", "leases", "Lease", true, List.of(), Set.of(), none, Strategies.NO_GENERATION));
        // rbac.authorization.k8s.io/v1 (enforced by the security work; stored like any other type)
        String rbac = "rbac.authorization.k8s.io";
        t.add(type(rbac, "v1", "roles", "Role", true, List.of(), Set.of(), none, Strategies.PATH_SEGMENT_NAMES));
        t.add(type(rbac, "v1", "rolebindings", "RoleBinding", true, List.of(), Set.of(), none, Strategies.PATH_SEGMENT_NAMES));
        t.add(type(rbac, "v1", "clusterroles", "ClusterRole", false, List.of(), Set.of(), none, Strategies.PATH_SEGMENT_NAMES));
        t.add(type(rbac, "v1", "clusterrolebindings", "ClusterRoleBinding", false, List.of(), Set.of(), none, Strategies.PATH_SEGMENT_NAMES));
        // reviews: create-only, computed per request and never stored (io.kube4j.apiserver.reviews)
        t.add(review("authorization.k8s.io", "selfsubjectaccessreviews", "SelfSubjectAccessReview"));
        t.add(review("authorization.k8s.io", "selfsubjectrulesreviews", "SelfSubjectRulesReview"));
        t.add(review("authorization.k8s.io", "subjectaccessreviews", "SubjectAccessReview"));
        t.add(review("authentication.k8s.io", "selfsubjectreviews", "SelfSubjectReview"));
        return new ResourceTypes(t);
    }

    private static ResourceType review(String group, String plural, String kind) {
        return new ResourceType(group, "v1", plural, kind.toLowerCase(), kind, false, List.of(), Set.of(), List.of(),
                List.of("create"), Strategies.DEFAULT);
    }

    private static ResourceType type(String group, String version, String plural, String kind, boolean namespaced,
                                     List<String> shortNames, Set<String> subresources, List<String> categories,
                                     Strategy strategy) {
        String singular = kind.toLowerCase();
        return new ResourceType(group, version, plural, singular, kind, namespaced, shortNames, subresources,
                categories, ResourceType.ALL_VERBS, strategy);
    }

    public Optional<ResourceType> find(String group, String version, String plural) {
        return Optional.ofNullable(byPath.get(path(group, version, plural)));
    }

    public Optional<ResourceType> byKind(String group, String kind) {
        return byPath.values().stream().filter(t -> t.group().equals(group) && t.kind().equals(kind)).findFirst();
    }

    public Collection<ResourceType> all() {
        return byPath.values();
    }

    /** Group → versions served, in table order, core ("") first. */
    public Map<String, List<String>> groupVersions() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResourceType type : byPath.values()) {
            List<String> versions = groups.computeIfAbsent(type.group(), g -> new ArrayList<>());
            if (!versions.contains(type.version())) {
                versions.add(type.version());
            }
        }
        return groups;
    }

    public List<ResourceType> inGroupVersion(String group, String version) {
        return byPath.values().stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    }

    private static String path(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }
}
