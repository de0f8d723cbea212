package io.kube4j.apiserver.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ClusterRoles the apiserver creates at startup, after Kubernetes' bootstrap policy
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy): each component role grants what that
 * component does and no more. {@code view}, {@code edit} and {@code admin} are written out in
 * full instead of aggregated.
 */
final class BootstrapPolicyRoles {

    private static final String[] READ = {"get", "list", "watch"};
    private static final String[] WRITE = {"create", "update", "patch", "delete", "deletecollection"};
    private static final String[] READ_WRITE = {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"};
    private static final String CORE = "";
    private static final String APPS = "apps";
    private static final String BATCH = "batch";
    private static final String AUTHENTICATION = "authentication.k8s.io";
    private static final String AUTHORIZATION = "authorization.k8s.io";
    private static final String COORDINATION = "coordination.k8s.io";
    private static final String POLICY = "policy";
    private static final String NETWORKING = "networking.k8s.io";
    private static final String STORAGE = "storage.k8s.io";

    private BootstrapPolicyRoles() {
    }

    /** Role name → rules, in creation order. */
    static Map<String, List<RbacRule>> clusterRoles() {
        Map<String, List<RbacRule>> roles = new LinkedHashMap<>();
        roles.put("cluster-admin", List.of(
                RbacRule.verbs("*").groups("*").resources("*"),
                RbacRule.verbs("*").urls("*")));
        roles.put("system:discovery", List.of(RbacRule.verbs("get").urls("/livez", "/readyz", "/healthz", "/version",
                "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*")));
        roles.put("system:public-info-viewer", List.of(
                RbacRule.verbs("get").urls("/livez", "/readyz", "/healthz", "/version", "/version/")));
        roles.put("system:monitoring", List.of(RbacRule.verbs("get").urls("/metrics", "/livez", "/readyz", "/healthz",
                "/livez/*", "/readyz/*", "/healthz/*")));
        roles.put("system:basic-user", List.of(
                RbacRule.verbs("create").groups(AUTHORIZATION).resources("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
                RbacRule.verbs("create").groups(AUTHENTICATION).resources("selfsubjectreviews")));
        roles.put("view", view());
        roles.put("edit", edit());
        roles.put("admin", admin());
        roles.put("system:kube-scheduler", scheduler());
        roles.put("system:kube-controller-manager", controllerManager());
        roles.put("system:node-proxier", List.of(
                RbacRule.verbs("list", "watch").groups(CORE).resources("services", "endpoints"),
                RbacRule.verbs(READ).groups(CORE).resources("nodes"),
                RbacRule.verbs("list", "watch").groups("discovery.k8s.io").resources("endpointslices"),
                events()));
        roles.put("system:node", node());
        return roles;
    }

    private static RbacRule events() {
        return RbacRule.verbs("create", "update", "patch").groups(CORE, "events.k8s.io").resources("events");
    }

    private static RbacRule reviews() {
        return RbacRule.verbs("create").groups(AUTHORIZATION).resources("subjectaccessreviews");
    }

    private static List<RbacRule> view() {
        return List.of(
                RbacRule.verbs(READ).groups(CORE).resources("pods", "replicationcontrollers", "replicationcontrollers/scale",
                        "serviceaccounts", "services", "services/status", "endpoints", "persistentvolumeclaims",
                        "persistentvolumeclaims/status", "configmaps"),
                RbacRule.verbs(READ).groups(CORE).resources("limitranges", "resourcequotas", "bindings", "events",
                        "pods/status", "resourcequotas/status", "namespaces/status", "replicationcontrollers/status", "pods/log"),
                // read access to namespaces in a namespace means reading that namespace
                RbacRule.verbs(READ).groups(CORE).resources("namespaces"),
                RbacRule.verbs(READ).groups("discovery.k8s.io").resources("endpointslices"),
                RbacRule.verbs(READ).groups(APPS).resources("controllerrevisions", "statefulsets", "statefulsets/status",
                        "statefulsets/scale", "daemonsets", "daemonsets/status", "deployments", "deployments/status",
                        "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"),
                RbacRule.verbs(READ).groups("autoscaling").resources("horizontalpodautoscalers", "horizontalpodautoscalers/status"),
                RbacRule.verbs(READ).groups(BATCH).resources("jobs", "cronjobs", "cronjobs/status", "jobs/status"),
                RbacRule.verbs(READ).groups(POLICY).resources("poddisruptionbudgets", "poddisruptionbudgets/status"),
                RbacRule.verbs(READ).groups(NETWORKING).resources("networkpolicies", "ingresses", "ingresses/status"));
    }

    private static List<RbacRule> edit() {
        List<RbacRule> rules = new ArrayList<>(view());
        rules.addAll(List.of(
                RbacRule.verbs(READ).groups(CORE).resources("pods/attach", "pods/proxy", "pods/exec", "pods/portforward",
                        "secrets", "services/proxy"),
                RbacRule.verbs("impersonate").groups(CORE).resources("serviceaccounts"),
                RbacRule.verbs(WRITE).groups(CORE).resources("pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"),
                RbacRule.verbs("create").groups(CORE).resources("pods/eviction", "serviceaccounts/token"),
                RbacRule.verbs(WRITE).groups(CORE).resources("replicationcontrollers", "replicationcontrollers/scale",
                        "serviceaccounts", "services", "services/proxy", "persistentvolumeclaims", "configmaps", "secrets", "events"),
                RbacRule.verbs(WRITE).groups(APPS).resources("statefulsets", "statefulsets/scale", "daemonsets", "deployments",
                        "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale"),
                RbacRule.verbs(WRITE).groups("autoscaling").resources("horizontalpodautoscalers"),
                RbacRule.verbs(WRITE).groups(BATCH).resources("jobs", "cronjobs"),
                RbacRule.verbs(WRITE).groups(POLICY).resources("poddisruptionbudgets"),
                RbacRule.verbs(WRITE).groups(NETWORKING).resources("networkpolicies", "ingresses"),
                RbacRule.verbs(READ_WRITE).groups(COORDINATION).resources("leases")));
        return List.copyOf(rules);
    }

    private static List<RbacRule> admin() {
        List<RbacRule> rules = new ArrayList<>(edit());
        rules.add(RbacRule.verbs("create").groups(AUTHORIZATION).resources("localsubjectaccessreviews"));
        rules.add(RbacRule.verbs(READ_WRITE).groups("rbac.authorization.k8s.io").resources("roles", "rolebindings"));
        return List.copyOf(rules);
    }

    private static List<RbacRule> scheduler() {
        return List.of(
                events(),
                // leader election: the lease is created without a name, then read, renewed and watched
                RbacRule.verbs("create", "list", "watch").groups(COORDINATION).resources("leases"),
                RbacRule.verbs("get", "update", "patch").groups(COORDINATION).resources("leases").names("kube-scheduler"),
                RbacRule.verbs(READ).groups(CORE).resources("nodes", "namespaces", "services", "replicationcontrollers",
                        "persistentvolumeclaims", "persistentvolumes"),
                RbacRule.verbs("get", "list", "watch", "delete").groups(CORE).resources("pods"),
                RbacRule.verbs("create").groups(CORE).resources("pods/binding", "bindings"),
                RbacRule.verbs("patch", "update").groups(CORE).resources("pods/status"),
                RbacRule.verbs(READ).groups(APPS).resources("replicasets", "statefulsets"),
                RbacRule.verbs(READ).groups(POLICY).resources("poddisruptionbudgets"),
                RbacRule.verbs(READ).groups(STORAGE).resources("csinodes", "csidrivers", "csistoragecapacities", "storageclasses"),
                RbacRule.verbs("create").groups(AUTHENTICATION).resources("tokenreviews"),
                reviews());
    }

    /**
     * One identity runs every controller, so this is the union of Kubernetes' per-controller roles:
     * the garbage collector and the namespace controller read, update and delete everything; the
     * workload, endpoints and service-account controllers create what they own.
     */
    private static List<RbacRule> controllerManager() {
        return List.of(
                events(),
                RbacRule.verbs("get", "list", "watch", "update", "patch", "delete", "deletecollection").groups("*").resources("*"),
                RbacRule.verbs("create").groups(CORE).resources("pods", "pods/eviction", "endpoints", "secrets",
                        "serviceaccounts", "serviceaccounts/token", "configmaps"),
                RbacRule.verbs("create").groups(APPS).resources("replicasets", "controllerrevisions"),
                RbacRule.verbs("create").groups(BATCH).resources("jobs"),
                RbacRule.verbs("create").groups("discovery.k8s.io").resources("endpointslices"),
                RbacRule.verbs("create").groups(COORDINATION).resources("leases"),
                RbacRule.verbs("create").groups(AUTHENTICATION).resources("tokenreviews"),
                reviews());
    }

    /** Every node's powers; the Node authorizer narrows them to the node's own objects. */
    private static List<RbacRule> node() {
        return List.of(
                RbacRule.verbs("create").groups(AUTHENTICATION).resources("tokenreviews"),
                RbacRule.verbs("create").groups(AUTHORIZATION).resources("subjectaccessreviews", "localsubjectaccessreviews"),
                RbacRule.verbs(READ).groups(CORE).resources("services", "endpoints"),
                RbacRule.verbs("create", "get", "list", "watch", "update", "patch").groups(CORE).resources("nodes"),
                RbacRule.verbs("update", "patch").groups(CORE).resources("nodes/status"),
                events(),
                RbacRule.verbs("get", "list", "watch", "create", "delete").groups(CORE).resources("pods"),
                RbacRule.verbs("update", "patch").groups(CORE).resources("pods/status"),
                RbacRule.verbs("create").groups(CORE).resources("pods/eviction", "serviceaccounts/token"),
                RbacRule.verbs(READ).groups(CORE).resources("secrets", "configmaps"),
                RbacRule.verbs("get").groups(CORE).resources("persistentvolumeclaims", "persistentvolumes", "serviceaccounts"),
                RbacRule.verbs("get", "create", "update", "patch", "delete").groups(COORDINATION).resources("leases"),
                RbacRule.verbs("create", "get", "list", "watch").groups("certificates.k8s.io").resources("certificatesigningrequests"));
    }
}
