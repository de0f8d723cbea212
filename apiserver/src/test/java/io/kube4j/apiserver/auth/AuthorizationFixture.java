package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.apiserver.server.ApiServerConfig;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.UnaryOperator;

/** A cluster with the default authorization, bearer tokens for users without any role, and object builders. */
final class AuthorizationFixture {

    static final String VIEWER_TOKEN = "viewer-token-0123456789";
    static final String NOBODY_TOKEN = "nobody-token-0123456789";
    static final String DEV_TOKEN = "dev-token-0123456789";

    private AuthorizationFixture() {
    }

    /** Default security (Node,RBAC), service-account tokens on, and users viewer, nobody and dev in tokens.csv. */
    static TestCluster start(Etcd etcd) throws Exception {
        return start(etcd, security -> security);
    }

    /** {@link #start(Etcd)} with security settings changed by {@code customize}. */
    static TestCluster start(Etcd etcd, UnaryOperator<ApiServerConfig.Security> customize) throws Exception {
        return TestCluster.start(etcd, config -> {
            Path pki = TestCluster.pkiOf(config);
            try {
                Files.writeString(pki.resolve("tokens.csv"), VIEWER_TOKEN + ",viewer,viewer-uid\n" + NOBODY_TOKEN
                        + ",nobody,nobody-uid\n" + DEV_TOKEN + ",dev,dev-uid,\"developers\"\n", StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return config.withSecurity(customize.apply(
                    config.security().withServiceAccountKeys(List.of(pki.resolve("sa.pub")), pki.resolve("sa.key"))));
        });
    }

    static TestClient token(TestCluster cluster, String token) throws Exception {
        return TestClient.withToken(cluster.url(), cluster.pki(), token);
    }

    static void namespace(TestClient admin, String name) throws Exception {
        create(admin, "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}");
    }

    static void create(TestClient client, String path, String body) throws Exception {
        TestClient.Reply reply = client.post(path, body);
        assertThat(reply.code()).as("POST %s: %s", path, reply.body()).isEqualTo(201);
    }

    /** A pod on {@code node} ("" for unbound) with a volume from {@code secret}. */
    static String pod(String name, String node, String secret) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{%s"containers":[{"name":"main","image":"busybox:1.36"}],
                  "volumes":[{"name":"s","secret":{"secretName":"%s"}}]}}"""
                .formatted(name, node.isEmpty() ? "" : "\"nodeName\":\"" + node + "\",", secret);
    }

    static void bind(TestClient admin, String namespace, String name, String roleKind, String role, String subjectKind,
                     String subject) throws Exception {
        create(admin, "/apis/rbac.authorization.k8s.io/v1/namespaces/" + namespace + "/rolebindings", """
                {"metadata":{"name":"%s"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"%s","name":"%s"},
                 "subjects":[{"kind":"%s","name":"%s"}]}""".formatted(name, roleKind, role, subjectKind, subject));
    }

    /** A token for a service account, from TokenRequest. */
    static String serviceAccountToken(TestClient admin, String namespace, String account) throws Exception {
        TestClient.Reply issued = admin.post("/api/v1/namespaces/" + namespace + "/serviceaccounts/" + account + "/token",
                Json.parse("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{}}"));
        assertThat(issued.code()).as(issued.body()).isEqualTo(201);
        return issued.json().path("status").path("token").asText();
    }
}
