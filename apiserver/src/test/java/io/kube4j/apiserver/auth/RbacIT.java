package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RBAC objects at work: escalation prevention on writes of roles and bindings, and the bootstrap
 * policy that the apiserver writes once and then leaves to the operator. User {@code dev} holds
 * {@code edit} and may write roles and bindings in namespace {@code team}.
 */
@EtcdTest
class RbacIT {

    static final String TEAM = "team";
    static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";

    static TestCluster cluster;
    static TestClient admin;
    static TestClient dev;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = AuthorizationFixture.start(etcd);
        admin = cluster.admin();
        dev = AuthorizationFixture.token(cluster, AuthorizationFixture.DEV_TOKEN);
        AuthorizationFixture.namespace(admin, TEAM);
        AuthorizationFixture.bind(admin, TEAM, "dev-edit", "ClusterRole", "edit", "User", "dev");
        AuthorizationFixture.create(admin, RBAC + "/namespaces/" + TEAM + "/roles", """
                {"metadata":{"name":"rbac-writer"},"rules":[{"apiGroups":["rbac.authorization.k8s.io"],
                 "resources":["roles","rolebindings"],"verbs":["create","update"]}]}""");
        AuthorizationFixture.bind(admin, TEAM, "dev-rbac", "Role", "rbac-writer", "User", "dev");
        await().atMost(Duration.ofSeconds(10)).until(() -> dev.get("/api/v1/namespaces/" + TEAM + "/pods").code() == 200
                && dev.post(RBAC + "/namespaces/" + TEAM + "/roles", "{}").code() != 403);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static String role(String name, String resource, String verbs) {
        return """
                {"metadata":{"name":"%s"},"rules":[{"apiGroups":[""],"resources":["%s"],"verbs":%s}]}"""
                .formatted(name, resource, verbs);
    }

    static String binding(String name, String role) {
        return """
                {"metadata":{"name":"%s"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"%s"},
                 "subjects":[{"kind":"User","name":"friend"}]}""".formatted(name, role);
    }

    @Test
    void aUserWithEditMayGrantWhatTheyHoldButNotAdmin() throws Exception {
        String roles = RBAC + "/namespaces/" + TEAM + "/roles";
        String bindings = RBAC + "/namespaces/" + TEAM + "/rolebindings";

        TestClient.Reply toAdmin = dev.post(bindings, binding("friend-admin", "admin"));
        assertThat(toAdmin.code()).as(toAdmin.body()).isEqualTo(403);
        assertThat(toAdmin.json().path("message").asText())
                .startsWith("rolebindings.rbac.authorization.k8s.io \"friend-admin\" is forbidden: user \"dev\"")
                .contains("is attempting to grant RBAC permissions not currently held:");

        assertThat(dev.post(roles, role("pod-reader", "pods", "[\"get\",\"list\"]")).code()).isEqualTo(201);
        assertThat(dev.post(bindings, binding("friend-view", "view")).code()).isEqualTo(201);

        TestClient.Reply nodes = dev.post(roles, role("node-reader", "nodes", "[\"get\"]"));
        assertThat(nodes.code()).as(nodes.body()).isEqualTo(403);
        assertThat(nodes.json().path("message").asText()).endsWith("{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\"]}");
    }

    @Test
    void theBootstrapPolicyIsWrittenOnceAndOperatorChangesSurviveARestart() throws Exception {
        TestClient.Reply scheduler = admin.get(RBAC + "/clusterroles/system:kube-scheduler");
        assertThat(scheduler.code()).isEqualTo(200);
        assertThat(scheduler.json().at("/metadata/labels/kubernetes.io~1bootstrapping").asText()).isEqualTo("rbac-defaults");
        assertThat(admin.get(RBAC + "/clusterrolebindings/cluster-admin").json().at("/subjects/0/name").asText())
                .isEqualTo("system:masters");

        assertThat(admin.patch(RBAC + "/clusterroles/view", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"changed\":\"by-operator\"}}}").code()).isEqualTo(200);
        assertThat(admin.delete(RBAC + "/clusterrolebindings/system:monitoring").code()).isEqualTo(200);

        cluster.restart();

        assertThat(admin.get(RBAC + "/clusterroles/view").json().at("/metadata/labels/changed").asText()).isEqualTo("by-operator");
        assertThat(admin.get(RBAC + "/clusterrolebindings/system:monitoring").code()).isEqualTo(200);
    }
}
