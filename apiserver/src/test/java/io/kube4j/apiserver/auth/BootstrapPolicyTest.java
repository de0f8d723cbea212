package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BootstrapPolicyTest {

    private static final RbacSnapshot POLICY = RbacSnapshot.of(List.of(), List.of(),
            List.<JsonNode>copyOf(BootstrapPolicy.clusterRoleObjects()),
            List.<JsonNode>copyOf(BootstrapPolicy.clusterRoleBindingObjects()));

    private static final UserInfo ADMIN = new UserInfo("admin", "", List.of("system:masters", "system:authenticated"));
    private static final UserInfo SCHEDULER = new UserInfo("system:kube-scheduler", "", List.of("system:authenticated"));
    private static final UserInfo CONTROLLERS = new UserInfo("system:kube-controller-manager", "", List.of("system:authenticated"));
    private static final UserInfo PROXY = new UserInfo("system:kube-proxy", "", List.of("system:authenticated"));
    private static final UserInfo KUBELET = new UserInfo("system:node:n1", "", List.of("system:nodes", "system:authenticated"));
    private static final UserInfo SOMEONE = new UserInfo("someone", "", List.of("system:authenticated"));
    private static final UserInfo ANONYMOUS = UserInfo.ANONYMOUS;

    private static Arguments can(UserInfo user, String verb, String group, String resource, String namespace, boolean allowed) {
        String[] parts = resource.split("/", 2);
        return Arguments.of(user.name(), new RequestAttributes(user, verb, group, "v1", parts[0], parts.length > 1 ? parts[1] : "",
                namespace, "", true, ""), allowed);
    }

    private static Arguments canGetPath(UserInfo user, String path, boolean allowed) {
        return Arguments.of(user.name(), new RequestAttributes(user, "get", "", "", "", "", "", "", false, path), allowed);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                can(ADMIN, "delete", "apps", "deployments", "x", true),
                can(ADMIN, "escalate", "rbac.authorization.k8s.io", "clusterroles", "", true),
                canGetPath(ADMIN, "/metrics", true),
                // the scheduler binds and reads, but neither creates pods nor reads secrets
                can(SCHEDULER, "create", "", "pods/binding", "default", true),
                can(SCHEDULER, "create", "", "bindings", "default", true),
                can(SCHEDULER, "patch", "", "pods/status", "default", true),
                can(SCHEDULER, "watch", "", "nodes", "", true),
                can(SCHEDULER, "list", "apps", "replicasets", "", true),
                can(SCHEDULER, "create", "coordination.k8s.io", "leases", "kube-system", true),
                can(SCHEDULER, "create", "", "pods", "default", false),
                can(SCHEDULER, "get", "", "secrets", "default", false),
                can(SCHEDULER, "update", "", "nodes", "", false),
                // the controller manager owns workloads, namespaces and nodes, but may not grant
                can(CONTROLLERS, "create", "", "pods", "default", true),
                can(CONTROLLERS, "create", "apps", "replicasets", "default", true),
                can(CONTROLLERS, "update", "apps", "deployments/status", "default", true),
                can(CONTROLLERS, "update", "", "namespaces/finalize", "", true),
                can(CONTROLLERS, "delete", "", "nodes", "", true),
                can(CONTROLLERS, "create", "", "serviceaccounts", "default", true),
                can(CONTROLLERS, "create", "rbac.authorization.k8s.io", "clusterrolebindings", "", false),
                can(CONTROLLERS, "create", "", "namespaces", "", false),
                can(CONTROLLERS, "bind", "rbac.authorization.k8s.io", "clusterroles", "", false),
                // kube-proxy watches services and endpoints and reads nodes
                can(PROXY, "watch", "", "endpoints", "", true),
                can(PROXY, "get", "", "nodes", "", true),
                can(PROXY, "create", "", "events", "default", true),
                can(PROXY, "create", "", "pods", "default", false),
                can(PROXY, "get", "", "secrets", "default", false),
                // kubelets (narrowed further by the Node authorizer)
                can(KUBELET, "patch", "", "nodes/status", "", true),
                can(KUBELET, "update", "", "pods/status", "default", true),
                can(KUBELET, "create", "", "pods/eviction", "default", true),
                can(KUBELET, "update", "coordination.k8s.io", "leases", "kube-node-lease", true),
                can(KUBELET, "create", "apps", "deployments", "default", false),
                // every authenticated user: discovery and the self reviews, nothing else
                can(SOMEONE, "create", "authorization.k8s.io", "selfsubjectaccessreviews", "", true),
                can(SOMEONE, "create", "authorization.k8s.io", "selfsubjectrulesreviews", "", true),
                can(SOMEONE, "create", "authentication.k8s.io", "selfsubjectreviews", "", true),
                can(SOMEONE, "create", "authorization.k8s.io", "subjectaccessreviews", "", false),
                can(SOMEONE, "list", "", "pods", "default", false),
                canGetPath(SOMEONE, "/apis/apps/v1", true),
                canGetPath(SOMEONE, "/openapi/v3", true),
                canGetPath(SOMEONE, "/metrics", false),
                canGetPath(ANONYMOUS, "/version", true),
                canGetPath(ANONYMOUS, "/api", false));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @MethodSource("requests")
    void eachIdentityGetsWhatItsComponentNeedsAndNoMore(String who, RequestAttributes request, boolean allowed) {
        assertThat(POLICY.grant(request).isPresent()).isEqualTo(allowed);
    }

    @Test
    void viewEditAndAdminNestAndOnlyEditAndAdminReadSecrets() {
        Map<String, List<RbacRule>> roles = BootstrapPolicyRoles.clusterRoles();

        assertThat(RbacCoverage.uncovered(roles.get("edit"), roles.get("view"))).isEmpty();
        assertThat(RbacCoverage.uncovered(roles.get("admin"), roles.get("edit"))).isEmpty();
        assertThat(RbacCoverage.uncovered(roles.get("view"), List.of(RbacRule.verbs("get").groups("").resources("secrets"))))
                .isNotEmpty();
        assertThat(RbacCoverage.uncovered(roles.get("edit"), List.of(RbacRule.verbs("get").groups("").resources("secrets"))))
                .isEmpty();
    }

    @Test
    void noComponentRoleHoldsEverythingClusterAdminDoes() {
        Map<String, List<RbacRule>> roles = BootstrapPolicyRoles.clusterRoles();
        for (String component : List.of("system:kube-scheduler", "system:kube-controller-manager", "system:node-proxier",
                "system:node", "admin", "edit", "view")) {
            assertThat(RbacCoverage.uncovered(roles.get(component), roles.get("cluster-admin"))).as(component).isNotEmpty();
        }
    }
}
