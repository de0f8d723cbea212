package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --authorization-mode=Node,RBAC,ABAC}: an ABAC policy line grants what RBAC does not. */
@EtcdTest
class AbacIT {

    static TestCluster cluster;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        Path policy = Files.createTempFile("kube4j-abac-", ".jsonl");
        Files.writeString(policy, "{\"apiVersion\":\"abac.authorization.kubernetes.io/v1beta1\",\"kind\":\"Policy\","
                + "\"spec\":{\"user\":\"nobody\",\"namespace\":\"abac\",\"resource\":\"*\",\"apiGroup\":\"*\",\"readonly\":true}}\n");
        cluster = AuthorizationFixture.start(etcd, security -> security
                .withAuthorizationModes(List.of("Node", "RBAC", "ABAC")).withAuthorizationPolicyFile(policy));
        AuthorizationFixture.namespace(cluster.admin(), "abac");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aReadOnlyPolicyLetsItsUserReadItsNamespaceAndNothingMore() throws Exception {
        TestClient nobody = AuthorizationFixture.token(cluster, AuthorizationFixture.NOBODY_TOKEN);

        assertThat(nobody.get("/api/v1/namespaces/abac/pods").code()).isEqualTo(200);
        assertThat(nobody.get("/apis/apps/v1/namespaces/abac/deployments").code()).isEqualTo(200);
        assertThat(nobody.post("/api/v1/namespaces/abac/configmaps", "{\"metadata\":{\"name\":\"x\"}}").code()).isEqualTo(403);
        assertThat(nobody.get("/api/v1/namespaces/default/pods").code()).isEqualTo(403);
    }
}
