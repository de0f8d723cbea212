package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.auth.Authorizer.Decision.Outcome;
import io.kube4j.common.api.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAuthorizerTest {

    private static final UserInfo N1 = new UserInfo("system:node:n1", "", List.of("system:nodes", "system:authenticated"));
    private static final UserInfo NOT_A_NODE = new UserInfo("system:node:n1", "", List.of("system:authenticated"));
    private static final UserInfo ADMIN = new UserInfo("admin", "", List.of("system:masters"));

    /** Pods by namespace/name: web on n1 uses every kind of reference, other runs on n2, pending is unbound. */
    private static final Map<String, JsonNode> PODS = Map.of(
            "default/web", Json.parse("""
                    {"metadata":{"name":"web","namespace":"default"},
                     "spec":{"nodeName":"n1","serviceAccountName":"web-sa","imagePullSecrets":[{"name":"registry"}],
                      "volumes":[{"name":"tls","secret":{"secretName":"web-tls"}},
                                 {"name":"cfg","configMap":{"name":"web-config"}},
                                 {"name":"data","persistentVolumeClaim":{"claimName":"data"}},
                                 {"name":"all","projected":{"sources":[{"secret":{"name":"projected-secret"}}]}}],
                      "containers":[{"name":"main","env":[{"name":"P","valueFrom":{"secretKeyRef":{"name":"db-password","key":"p"}}}],
                                     "envFrom":[{"configMapRef":{"name":"env-config"}}]}]}}"""),
            "default/other", Json.parse("""
                    {"metadata":{"name":"other","namespace":"default"},
                     "spec":{"nodeName":"n2","volumes":[{"name":"s","secret":{"secretName":"other-secret"}}],"containers":[]}}"""),
            "default/pending", Json.parse("""
                    {"metadata":{"name":"pending","namespace":"default"},"spec":{"containers":[]}}"""));

    private final NodeAuthorizer authorizer = new NodeAuthorizer(new NodeAuthorizer.Pods() {
        @Override
        public Optional<JsonNode> get(String namespace, String name) {
            return Optional.ofNullable(PODS.get(namespace + "/" + name));
        }

        @Override
        public List<JsonNode> boundTo(String node, String namespace) {
            return PODS.values().stream().filter(p -> p.path("metadata").path("namespace").asText().equals(namespace))
                    .filter(p -> p.path("spec").path("nodeName").asText().equals(node)).toList();
        }
    });

    private static RequestAttributes request(UserInfo user, String verb, String group, String resource, String sub,
                                             String namespace, String name) {
        return new RequestAttributes(user, verb, group, "v1", resource, sub, namespace, name, true, "");
    }

    static Stream<Arguments> kubeletRequests() {
        return Stream.of(
                // nodes: all readable, own node writable, other nodes not
                Arguments.of("get", "", "nodes", "", "", "n2", Outcome.ALLOW),
                Arguments.of("list", "", "nodes", "", "", "", Outcome.ALLOW),
                Arguments.of("create", "", "nodes", "", "", "", Outcome.ALLOW),
                Arguments.of("patch", "", "nodes", "status", "", "n1", Outcome.ALLOW),
                Arguments.of("update", "", "nodes", "", "", "n1", Outcome.ALLOW),
                Arguments.of("update", "", "nodes", "", "", "n2", Outcome.DENY),
                Arguments.of("patch", "", "nodes", "status", "", "n2", Outcome.DENY),
                Arguments.of("delete", "", "nodes", "", "", "n2", Outcome.DENY),
                Arguments.of("delete", "", "nodes", "", "", "n1", Outcome.NO_OPINION),
                // pods: its own, and the lists it filters itself
                Arguments.of("get", "", "pods", "", "default", "web", Outcome.ALLOW),
                Arguments.of("get", "", "pods", "", "default", "other", Outcome.DENY),
                Arguments.of("get", "", "pods", "", "default", "pending", Outcome.DENY),
                Arguments.of("get", "", "pods", "", "default", "gone", Outcome.ALLOW),
                Arguments.of("watch", "", "pods", "", "", "", Outcome.ALLOW),
                Arguments.of("create", "", "pods", "", "kube-system", "", Outcome.ALLOW),
                Arguments.of("delete", "", "pods", "", "default", "web", Outcome.ALLOW),
                Arguments.of("delete", "", "pods", "", "default", "other", Outcome.DENY),
                Arguments.of("patch", "", "pods", "status", "default", "web", Outcome.ALLOW),
                Arguments.of("update", "", "pods", "status", "default", "other", Outcome.DENY),
                Arguments.of("create", "", "pods", "eviction", "default", "other", Outcome.DENY),
                Arguments.of("update", "", "pods", "", "default", "web", Outcome.NO_OPINION),
                Arguments.of("get", "", "pods", "log", "default", "web", Outcome.NO_OPINION),
                // what its pods reference: get only
                Arguments.of("get", "", "secrets", "", "default", "web-tls", Outcome.ALLOW),
                Arguments.of("get", "", "secrets", "", "default", "db-password", Outcome.ALLOW),
                Arguments.of("get", "", "secrets", "", "default", "registry", Outcome.ALLOW),
                Arguments.of("get", "", "secrets", "", "default", "projected-secret", Outcome.ALLOW),
                Arguments.of("get", "", "secrets", "", "default", "other-secret", Outcome.DENY),
                Arguments.of("get", "", "secrets", "", "kube-system", "web-tls", Outcome.DENY),
                Arguments.of("list", "", "secrets", "", "default", "", Outcome.DENY),
                Arguments.of("update", "", "secrets", "", "default", "web-tls", Outcome.DENY),
                Arguments.of("get", "", "configmaps", "", "default", "web-config", Outcome.ALLOW),
                Arguments.of("get", "", "configmaps", "", "default", "env-config", Outcome.ALLOW),
                Arguments.of("get", "", "persistentvolumeclaims", "", "default", "data", Outcome.ALLOW),
                Arguments.of("get", "", "serviceaccounts", "", "default", "web-sa", Outcome.ALLOW),
                // only the pod on n2 runs as the default service account
                Arguments.of("get", "", "serviceaccounts", "", "default", "default", Outcome.DENY),
                // its lease only
                Arguments.of("update", "coordination.k8s.io", "leases", "", "kube-node-lease", "n1", Outcome.ALLOW),
                Arguments.of("create", "coordination.k8s.io", "leases", "", "kube-node-lease", "", Outcome.ALLOW),
                Arguments.of("update", "coordination.k8s.io", "leases", "", "kube-node-lease", "n2", Outcome.DENY),
                Arguments.of("get", "coordination.k8s.io", "leases", "", "kube-node-lease", "n2", Outcome.NO_OPINION),
                Arguments.of("update", "coordination.k8s.io", "leases", "", "kube-system", "n1", Outcome.NO_OPINION),
                // events and everything else: RBAC decides
                Arguments.of("create", "", "events", "", "default", "", Outcome.ALLOW),
                Arguments.of("list", "", "services", "", "", "", Outcome.NO_OPINION),
                Arguments.of("get", "apps", "deployments", "", "default", "d", Outcome.NO_OPINION));
    }

    @ParameterizedTest(name = "kubelet n1: {0} {2}/{3} {4}/{5} → {6}")
    @MethodSource("kubeletRequests")
    void limitsAKubeletToItsOwnNodeAndTheObjectsOfItsPods(String verb, String group, String resource, String sub,
                                                           String namespace, String name, Outcome outcome) {
        assertThat(authorizer.authorize(request(N1, verb, group, resource, sub, namespace, name)).outcome()).isEqualTo(outcome);
    }

    @Test
    void hasNoOpinionAboutUsersWhoAreNotKubelets() {
        assertThat(authorizer.authorize(request(ADMIN, "update", "", "nodes", "", "", "n2")).outcome()).isEqualTo(Outcome.NO_OPINION);
        // the name alone does not make a kubelet: the system:nodes group is needed too
        assertThat(authorizer.authorize(request(NOT_A_NODE, "get", "", "secrets", "", "default", "other-secret")).outcome())
                .isEqualTo(Outcome.NO_OPINION);
    }

    @Test
    void explainsADenialAsKubernetesDoes() {
        assertThat(authorizer.authorize(request(N1, "get", "", "secrets", "", "default", "other-secret")).reason())
                .isEqualTo("no relationship found between node 'n1' and this object");
        assertThat(authorizer.authorize(request(N1, "update", "", "nodes", "", "", "n2")).reason())
                .isEqualTo("node 'n1' cannot modify node 'n2'");
    }
}
