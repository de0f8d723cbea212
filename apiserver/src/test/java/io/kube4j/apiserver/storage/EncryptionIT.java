package io.kube4j.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encryption at rest, read back from etcd itself. The tests share one etcd prefix and follow a
 * cluster's life: plain text first, then AES-GCM (still reading the plain secrets), then a
 * rotation to AES-CBC that still reads the AES-GCM ones; each starts its own apiserver.
 */
@EtcdTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EncryptionIT {

    static final String GCM_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final String CBC_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
    static final String VALUE = "correct-horse-battery-staple";

    static Etcd etcd;
    static Client raw;

    @TempDir
    static Path dir;

    @BeforeAll
    static void connect(Etcd given) {
        etcd = given;
        raw = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build();
    }

    @AfterAll
    static void disconnect() {
        raw.close();
    }

    static TestCluster start(String providers) throws Exception {
        if (providers == null) {
            return TestCluster.start(etcd, c -> c);
        }
        Path file = Files.writeString(dir.resolve("encryption-" + System.nanoTime() + ".yaml"), """
                apiVersion: apiserver.config.k8s.io/v1
                kind: EncryptionConfiguration
                resources:
                  - resources: [secrets]
                    providers:
                %s
                """.formatted(providers.indent(6).stripTrailing()));
        return TestCluster.start(etcd, c -> c.withSecurity(c.security().withEncryptionProviderConfig(file)));
    }

    static String secret(String name) {
        String data = Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8));
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"password\":\"" + data + "\"}}";
    }

    static byte[] stored(TestCluster cluster, String resource, String name) throws Exception {
        GetResponse response = raw.getKVClient().get(ByteSequence.from(cluster.etcdPrefix() + "/core/" + resource + "/default/"
                + name, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        assertThat(response.getKvs()).as("etcd key of " + resource + "/" + name).hasSize(1);
        return response.getKvs().get(0).getValue().getBytes();
    }

    static String password(TestClient client, String name) throws Exception {
        TestClient.Reply reply = client.get("/api/v1/namespaces/default/secrets/" + name);
        assertThat(reply.code()).as(reply.body()).isEqualTo(200);
        return new String(Base64.getDecoder().decode(reply.json().path("data").path("password").asText()), StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    @Order(1)
    void storesSecretsAsPlainJsonWithoutAnEncryptionConfig() throws Exception {
        try (TestCluster cluster = start(null)) {
            assertThat(cluster.admin().post("/api/v1/namespaces/default/secrets", secret("plain")).code()).isEqualTo(201);

            assertThat(text(stored(cluster, "secrets", "plain"))).startsWith("{").contains("\"password\"");
        }
    }

    @Test
    @Order(2)
    void encryptsNewSecretsWithAesGcmWhileReadingThePlainOnes() throws Exception {
        String providers = """
                - aesgcm:
                    keys:
                      - name: key1
                        secret: %s
                - identity: {}
                """.formatted(GCM_KEY);
        try (TestCluster cluster = start(providers)) {
            TestClient admin = cluster.admin();
            assertThat(admin.post("/api/v1/namespaces/default/secrets", secret("sealed")).code()).isEqualTo(201);
            assertThat(admin.post("/api/v1/namespaces/default/configmaps",
                    Json.parse("{\"metadata\":{\"name\":\"open\"},\"data\":{\"v\":\"" + VALUE + "\"}}")).code()).isEqualTo(201);

            String sealed = text(stored(cluster, "secrets", "sealed"));
            assertThat(sealed).startsWith("k8s:enc:aesgcm:v1:key1:").doesNotContain("password")
                    .doesNotContain(Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)));
            assertThat(text(stored(cluster, "configmaps", "open"))).contains(VALUE);
            assertThat(password(admin, "sealed")).isEqualTo(VALUE);
            assertThat(password(admin, "plain")).isEqualTo(VALUE);
            TestClient.Reply cached = admin.get("/api/v1/namespaces/default/secrets?resourceVersion=0");
            assertThat(cached.json().path("items").findValuesAsText("name")).contains("plain", "sealed");
            try (TestClient.Watch watch = admin.watch("/api/v1/namespaces/default/secrets?watch=true&fieldSelector=metadata.name%3Dsealed")) {
                assertThat(watch.next().path("object").path("data").path("password").asText())
                        .isEqualTo(Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    @Order(3)
    void rotatesToANewKeyAndStillReadsWhatTheOldOneSealed() throws Exception {
        String providers = """
                - aescbc:
                    keys:
                      - name: key2
                        secret: %s
                - aesgcm:
                    keys:
                      - name: key1
                        secret: %s
                - identity: {}
                """.formatted(CBC_KEY, GCM_KEY);
        try (TestCluster cluster = start(providers)) {
            TestClient admin = cluster.admin();
            assertThat(password(admin, "sealed")).isEqualTo(VALUE);

            assertThat(admin.post("/api/v1/namespaces/default/secrets", secret("rotated")).code()).isEqualTo(201);
            TestClient.Reply rewritten = admin.patch("/api/v1/namespaces/default/secrets/sealed", "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"rotated\":\"true\"}}}");

            assertThat(rewritten.code()).as(rewritten.body()).isEqualTo(200);
            assertThat(text(stored(cluster, "secrets", "rotated"))).startsWith("k8s:enc:aescbc:v1:key2:");
            assertThat(text(stored(cluster, "secrets", "sealed"))).startsWith("k8s:enc:aescbc:v1:key2:");
            assertThat(password(admin, "rotated")).isEqualTo(VALUE);
            assertThat(password(admin, "sealed")).isEqualTo(VALUE);
        }
    }
}
