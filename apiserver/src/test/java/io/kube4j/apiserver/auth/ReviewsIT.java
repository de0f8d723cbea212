package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.testing.Kubectl;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review resources over HTTPS and through the real kubectl ({@code auth can-i}, {@code auth can-i
 * --list}, {@code auth whoami}). User {@code viewer} holds {@code view} in namespace {@code reviews};
 * {@code nobody} holds nothing but the bootstrap policy's basics.
 */
@EtcdTest
class ReviewsIT {

    static final String NS = "reviews";
    static final String AUTHZ = "/apis/authorization.k8s.io/v1";

    static TestCluster cluster;
    static TestClient admin;
    static TestClient viewer;
    static TestClient nobody;
    static Kubectl kubectl;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = AuthorizationFixture.start(etcd);
        admin = cluster.admin();
        viewer = AuthorizationFixture.token(cluster, AuthorizationFixture.VIEWER_TOKEN);
        nobody = AuthorizationFixture.token(cluster, AuthorizationFixture.NOBODY_TOKEN);
        AuthorizationFixture.namespace(admin, NS);
        AuthorizationFixture.bind(admin, NS, "viewer-view", "ClusterRole", "view", "User", "viewer");
        await().atMost(Duration.ofSeconds(10)).until(() -> viewer.get("/api/v1/namespaces/" + NS + "/pods").code() == 200);
    }

    @AfterAll
    static void stop() {
        if (kubectl != null) {
            kubectl.close();
        }
        cluster.close();
    }

    static String selfAccessReview(String verb, String resource, String namespace) {
        return """
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
                 "spec":{"resourceAttributes":{"verb":"%s","resource":"%s","namespace":"%s"}}}"""
                .formatted(verb, resource, namespace);
    }

    @Test
    void discoveryServesTheReviewsAsCreateOnlyResources() throws Exception {
        JsonNode resources = admin.get(AUTHZ).json().path("resources");
        assertThat(resources.findValuesAsText("name"))
                .contains("selfsubjectaccessreviews", "selfsubjectrulesreviews", "subjectaccessreviews");
        resources.forEach(r -> assertThat(r.path("verbs").toString()).isEqualTo("[\"create\"]"));
        assertThat(admin.get("/apis/authentication.k8s.io/v1").json().path("resources").findValuesAsText("name"))
                .contains("selfsubjectreviews");
        assertThat(admin.get(AUTHZ + "/selfsubjectaccessreviews").code()).isEqualTo(405);
    }

    @Test
    void aSelfSubjectAccessReviewAnswersForTheRequesterWithTheGrantingBinding() throws Exception {
        TestClient.Reply asAdmin = admin.post(AUTHZ + "/selfsubjectaccessreviews", selfAccessReview("create", "pods", NS));
        assertThat(asAdmin.code()).as(asAdmin.body()).isEqualTo(201);
        assertThat(asAdmin.json().at("/status/allowed").asBoolean()).isTrue();
        assertThat(asAdmin.json().at("/status/reason").asText()).contains("ClusterRoleBinding \"cluster-admin\"");
        assertThat(asAdmin.json().at("/spec/resourceAttributes/resource").asText()).isEqualTo("pods");

        JsonNode asViewer = viewer.post(AUTHZ + "/selfsubjectaccessreviews", selfAccessReview("list", "pods", NS)).json();
        assertThat(asViewer.at("/status/allowed").asBoolean()).isTrue();
        JsonNode asNobody = nobody.post(AUTHZ + "/selfsubjectaccessreviews", selfAccessReview("list", "pods", NS)).json();
        assertThat(asNobody.at("/status/allowed").asBoolean()).isFalse();
        assertThat(asNobody.at("/status/denied").asBoolean()).isFalse();

        TestClient.Reply path = nobody.post(AUTHZ + "/selfsubjectaccessreviews", """
                {"spec":{"nonResourceAttributes":{"verb":"get","path":"/apis/apps"}}}""");
        assertThat(path.json().at("/status/allowed").asBoolean()).isTrue();
        assertThat(nobody.post(AUTHZ + "/selfsubjectaccessreviews", "{\"spec\":{}}").code()).isEqualTo(422);
    }

    @Test
    void aSubjectAccessReviewAnswersForAnotherUserAndNeedsItsOwnPermission() throws Exception {
        String scheduler = """
                {"spec":{"user":"system:kube-scheduler","groups":["system:authenticated"],
                 "resourceAttributes":{"verb":"create","resource":"pods","subresource":"binding","namespace":"x"}}}""";
        TestClient.Reply reply = admin.post(AUTHZ + "/subjectaccessreviews", scheduler);
        assertThat(reply.code()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().at("/status/allowed").asBoolean()).isTrue();

        String viewerSecrets = """
                {"spec":{"user":"viewer","resourceAttributes":{"verb":"get","resource":"secrets","namespace":"%s"}}}""".formatted(NS);
        assertThat(admin.post(AUTHZ + "/subjectaccessreviews", viewerSecrets).json().at("/status/allowed").asBoolean()).isFalse();
        assertThat(nobody.post(AUTHZ + "/subjectaccessreviews", scheduler).code()).isEqualTo(403);
    }

    @Test
    void aSelfSubjectRulesReviewListsTheRulesOfTheNamespace() throws Exception {
        TestClient.Reply reply = viewer.post(AUTHZ + "/selfsubjectrulesreviews", "{\"spec\":{\"namespace\":\"" + NS + "\"}}");
        assertThat(reply.code()).as(reply.body()).isEqualTo(201);
        JsonNode status = reply.json().path("status");
        assertThat(status.path("resourceRules").toString()).contains("\"pods\"").doesNotContain("\"secrets\"");
        assertThat(status.path("nonResourceRules").toString()).contains("/version");
        assertThat(status.path("incomplete").asBoolean()).isFalse();

        JsonNode kubelet = cluster.client("kubelet-n1").post(AUTHZ + "/selfsubjectrulesreviews",
                "{\"spec\":{\"namespace\":\"default\"}}").json();
        assertThat(kubelet.at("/status/incomplete").asBoolean()).isTrue();
        assertThat(viewer.post(AUTHZ + "/selfsubjectrulesreviews", "{\"spec\":{}}").code()).isEqualTo(400);
    }

    @Test
    void aSelfSubjectReviewTellsWhoTheRequesterIs() throws Exception {
        JsonNode me = nobody.post("/apis/authentication.k8s.io/v1/selfsubjectreviews", "{}").json();
        assertThat(me.at("/status/userInfo/username").asText()).isEqualTo("nobody");
        assertThat(me.at("/status/userInfo/uid").asText()).isEqualTo("nobody-uid");
        assertThat(me.at("/status/userInfo/groups").toString()).isEqualTo("[\"system:authenticated\"]");
        JsonNode kubelet = cluster.client("kubelet-n1").post("/apis/authentication.k8s.io/v1/selfsubjectreviews", "{}").json();
        assertThat(kubelet.at("/status/userInfo/groups").toString()).contains("system:nodes");
    }

    @Test
    void kubectlAuthCanIAndWhoamiWork() throws Exception {
        kubectl = Kubectl.against(cluster);
        assertThat(kubectl.ok("auth", "can-i", "create", "pods").stdout().trim()).isEqualTo("yes");
        assertThat(kubectl.ok("auth", "can-i", "--list").stdout()).contains("*.*");
        Kubectl.Result whoami = kubectl.ok("auth", "whoami");
        assertThat(whoami.stdout()).contains("admin").contains("system:masters");

        Path nobodyConfig = kubectl.file("nobody.kubeconfig", """
                apiVersion: v1
                kind: Config
                clusters: [{name: kube4j, cluster: {server: "%s", certificate-authority: "%s"}}]
                users: [{name: nobody, user: {token: "%s"}}]
                contexts: [{name: nobody, context: {cluster: kube4j, user: nobody}}]
                current-context: nobody
                """.formatted(cluster.url().toString().replaceAll("/+$", ""), cluster.pki().resolve("ca.crt"),
                AuthorizationFixture.NOBODY_TOKEN));
        Kubectl.Result denied = kubectl.run("--kubeconfig=" + nobodyConfig, "auth", "can-i", "create", "pods");
        assertThat(denied.exitCode()).as("%s", denied).isEqualTo(1);
        assertThat(denied.stdout().trim()).as("%s", denied).isEqualTo("no");
    }
}
