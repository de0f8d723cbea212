package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default authorization (Node, then RBAC with the bootstrap policy) over HTTPS: every cluster
 * identity against requests it must and must not be able to make. Fixture, in namespace
 * {@code authz}: pods p1 on n1 and p2 on n2 using secrets s1 and s2, an unbound pod to bind; users
 * {@code viewer} (view), {@code nobody} (no binding) and service account {@code robot} (a Role that
 * reads pods). Escalation, reviews and kubectl have their own classes.
 */
@EtcdTest
class AuthorizationIT {

    static final String NS = "authz";
    static final String JSON = "application/json";
    static final String MERGE = "application/merge-patch+json";

    static TestCluster cluster;
    static final Map<String, TestClient> clients = new HashMap<>();

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = AuthorizationFixture.start(etcd);
        TestClient admin = cluster.admin();
        AuthorizationFixture.namespace(admin, NS);
        AuthorizationFixture.create(admin, "/api/v1/nodes", "{\"metadata\":{\"name\":\"n1\"}}");
        AuthorizationFixture.create(admin, "/api/v1/nodes", "{\"metadata\":{\"name\":\"n2\"}}");
        AuthorizationFixture.create(admin, "/api/v1/namespaces/" + NS + "/secrets", "{\"metadata\":{\"name\":\"s1\"}}");
        AuthorizationFixture.create(admin, "/api/v1/namespaces/" + NS + "/secrets", "{\"metadata\":{\"name\":\"s2\"}}");
        AuthorizationFixture.create(admin, "/api/v1/namespaces/" + NS + "/pods", AuthorizationFixture.pod("p1", "n1", "s1"));
        AuthorizationFixture.create(admin, "/api/v1/namespaces/" + NS + "/pods", AuthorizationFixture.pod("p2", "n2", "s2"));
        AuthorizationFixture.create(admin, "/api/v1/namespaces/" + NS + "/pods", AuthorizationFixture.pod("unbound", "", "s1"));
        AuthorizationFixture.bind(admin, NS, "viewer-view", "ClusterRole", "view", "User", "viewer");
        AuthorizationFixture.create(admin, "/apis/rbac.authorization.k8s.io/v1/namespaces/" + NS + "/roles", """
                {"metadata":{"name":"pod-reader"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}]}""");
        AuthorizationFixture.bind(admin, NS, "robot-reads", "Role", "pod-reader", "ServiceAccount", "robot");
        AuthorizationFixture.create(admin, "/api/v1/namespaces/" + NS + "/serviceaccounts", "{\"metadata\":{\"name\":\"robot\"}}");

        clients.put("admin", admin);
        for (String identity : List.of("kube-scheduler", "kube-controller-manager", "kube-proxy", "kubelet-n1", "kubelet-n2")) {
            clients.put(identity, cluster.client(identity));
        }
        clients.put("viewer", AuthorizationFixture.token(cluster, AuthorizationFixture.VIEWER_TOKEN));
        clients.put("nobody", AuthorizationFixture.token(cluster, AuthorizationFixture.NOBODY_TOKEN));
        clients.put("robot", AuthorizationFixture.token(cluster, AuthorizationFixture.serviceAccountToken(admin, NS, "robot")));
        clients.put("anonymous", cluster.anonymous());
        // RBAC and the Node authorizer read watch caches: wait until they have seen the fixture
        await().atMost(Duration.ofSeconds(10)).until(() -> clients.get("viewer").get(pods()).code() == 200
                && clients.get("robot").get(pods()).code() == 200
                && clients.get("kubelet-n1").get(pods() + "/p1").code() == 200);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static String pods() {
        return "/api/v1/namespaces/" + NS + "/pods";
    }

    static Arguments row(String identity, String method, String path, String body, int code) {
        return Arguments.of(identity, method, path, body, code);
    }

    static Stream<Arguments> requests() {
        String pods = pods();
        String secrets = "/api/v1/namespaces/" + NS + "/secrets";
        String leases = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases";
        String labels = "{\"metadata\":{\"labels\":{\"checked\":\"yes\"}}}";
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"unbound\"},"
                + "\"target\":{\"kind\":\"Node\",\"name\":\"n1\"}}";
        return Stream.of(
                row("admin", "GET", "/api/v1/namespaces/kube-system/pods", null, 200),
                row("admin", "POST", "/api/v1/namespaces/" + NS + "/configmaps", "{\"metadata\":{\"name\":\"by-admin\"}}", 201),
                row("admin", "GET", "/metrics", null, 200),
                row("kube-scheduler", "GET", "/api/v1/namespaces/kube-system/pods", null, 200),
                row("kube-scheduler", "GET", "/api/v1/nodes/n1", null, 200),
                row("kube-scheduler", "POST", pods + "/unbound/binding", binding, 201),
                row("kube-scheduler", "POST", pods, AuthorizationFixture.pod("by-scheduler", "", "s1"), 403),
                row("kube-scheduler", "GET", secrets + "/s1", null, 403),
                row("kube-controller-manager", "GET", "/api/v1/pods", null, 200),
                row("kube-controller-manager", "POST", pods, AuthorizationFixture.pod("by-controllers", "", "s1"), 201),
                row("kube-controller-manager", "PATCH", "/api/v1/nodes/n2", labels, 200),
                row("kube-controller-manager", "POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "{}", 403),
                row("kube-proxy", "GET", "/api/v1/services", null, 200),
                row("kube-proxy", "GET", "/api/v1/nodes/n1", null, 200),
                row("kube-proxy", "POST", pods, AuthorizationFixture.pod("by-proxy", "", "s1"), 403),
                row("kube-proxy", "GET", secrets, null, 403),
                // a kubelet reads every node (as in Kubernetes) but writes only its own
                row("kubelet-n1", "GET", "/api/v1/nodes/n2", null, 200),
                row("kubelet-n1", "PATCH", "/api/v1/nodes/n1", labels, 200),
                row("kubelet-n1", "PATCH", "/api/v1/nodes/n2", labels, 403),
                row("kubelet-n1", "GET", pods + "/p1", null, 200),
                row("kubelet-n1", "GET", pods + "/p2", null, 403),
                row("kubelet-n1", "GET", "/api/v1/pods?fieldSelector=spec.nodeName%3Dn1", null, 200),
                row("kubelet-n1", "GET", secrets + "/s1", null, 200),
                row("kubelet-n1", "GET", secrets + "/s2", null, 403),
                row("kubelet-n1", "GET", secrets, null, 403),
                row("kubelet-n1", "POST", leases, "{\"metadata\":{\"name\":\"n1\"},\"spec\":{\"holderIdentity\":\"n1\"}}", 201),
                row("kubelet-n1", "PUT", leases + "/n2", "{\"metadata\":{\"name\":\"n2\"}}", 403),
                row("kubelet-n1", "POST", "/apis/apps/v1/namespaces/" + NS + "/deployments", "{}", 403),
                row("kubelet-n2", "GET", secrets + "/s2", null, 200),
                row("kubelet-n2", "GET", secrets + "/s1", null, 403),
                row("kubelet-n2", "PATCH", "/api/v1/nodes/n1", labels, 403),
                row("viewer", "GET", pods, null, 200),
                row("viewer", "GET", secrets + "/s1", null, 403),
                row("viewer", "POST", "/api/v1/namespaces/" + NS + "/configmaps", "{\"metadata\":{\"name\":\"by-viewer\"}}", 403),
                row("viewer", "GET", "/api/v1/namespaces/default/pods", null, 403),
                row("robot", "GET", pods, null, 200),
                row("robot", "GET", "/api/v1/namespaces/default/pods", null, 403),
                row("robot", "GET", secrets, null, 403),
                row("nobody", "GET", pods, null, 403),
                row("nobody", "GET", "/api", null, 200),
                row("nobody", "GET", "/apis/apps/v1", null, 200),
                row("nobody", "GET", "/version", null, 200),
                row("nobody", "GET", "/metrics", null, 403),
                row("anonymous", "GET", "/api/v1/namespaces", null, 401));
    }

    @ParameterizedTest(name = "{0}: {1} {2} → {4}")
    @MethodSource("requests")
    void eachIdentityMayDoWhatItsRoleGrantsAndNothingElse(String identity, String method, String path, String body,
                                                         int code) throws Exception {
        TestClient.Reply reply = clients.get(identity).send(method, path, body,
                body == null ? null : method.equals("PATCH") ? MERGE : JSON, null);

        assertThat(reply.code()).as("%s %s %s: %s", identity, method, path, reply.body()).isEqualTo(code);
        if (code == 403) {
            assertThat(reply.json().path("reason").asText()).isEqualTo("Forbidden");
            // Kubernetes' wording: `pods "p2" is forbidden: User "system:node:n1" cannot get resource "pods" …`
            // or `forbidden: User "nobody" cannot get path "/metrics"`
            assertThat(reply.json().path("message").asText()).matches("(?s)(.+ is )?forbidden: User \".+\" cannot \\w+ .+");
        }
    }
}
