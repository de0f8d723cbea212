package io.kube4j.apiserver.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ClientConfig;
import io.kube4j.common.client.Kubeconfig;
import io.kube4j.common.client.Watch;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The kube4j client library against a real kube-apiserver on a real etcd, configured by the kubeconfigs kube4j-certs writes. */
@EtcdTest
class ApiClientIT {

    static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    static TestCluster cluster;
    static ApiClient admin;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
        admin = ApiClient.create(kubeconfig("admin.kubeconfig"));
    }

    @AfterAll
    static void stop() {
        admin.close();
        cluster.close();
    }

    /** A kubeconfig from the PKI directory, pointed at the test server's port. */
    static ClientConfig kubeconfig(String name) {
        return Kubeconfig.load(cluster.pki().resolve(name), null).withServer(cluster.url());
    }

    static String namespace(String name) {
        admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + name + "\"}}"));
        return name;
    }

    static ObjectNode configMap(String name, String value) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s"},"data":{"key":"%s"}}
                """.formatted(name, value));
    }

    @Test
    void roundTripsEveryVerb() {
        String ns = namespace("client-verbs");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";

        JsonNode created = admin.post(path, configMap("cm", "one"));
        assertThat(created.path("metadata").path("uid").asText()).isNotEmpty();
        assertThat(admin.get(path + "/cm").path("data").path("key").asText()).isEqualTo("one");

        ObjectNode update = (ObjectNode) created.deepCopy();
        ((ObjectNode) update.path("data")).put("key", "two");
        assertThat(admin.put(path + "/cm", update).path("data").path("key").asText()).isEqualTo("two");

        JsonNode merged = admin.patch(path + "/cm", "application/merge-patch+json", Json.parse("{\"data\":{\"more\":\"x\"}}"));
        assertThat(merged.path("data").path("more").asText()).isEqualTo("x");
        JsonNode patched = admin.patch(path + "/cm", "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/data/key\",\"value\":\"three\"}]".getBytes(StandardCharsets.UTF_8));
        assertThat(patched.path("data").path("key").asText()).isEqualTo("three");

        JsonNode list = admin.get(path + "?labelSelector=" + "missing%3Dlabel");
        assertThat(list.path("items")).isEmpty();

        admin.delete(path + "/cm", Json.parse("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0}"));
        assertThatThrownBy(() -> admin.get(path + "/cm"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void failuresCarryTheServersStatus() {
        String ns = namespace("client-errors");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        JsonNode created = admin.post(path, configMap("dup", "v"));

        assertThatThrownBy(() -> admin.get(path + "/nope")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(404);
            assertThat(e.reason()).isEqualTo("NotFound");
            assertThat(e.status().message()).isEqualTo("configmaps \"nope\" not found");
        });
        assertThatThrownBy(() -> admin.post(path, configMap("dup", "v"))).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(409);
            assertThat(e.reason()).isEqualTo("AlreadyExists");
            assertThat(e.isAlreadyExists()).isTrue();
        });
        ObjectNode stale = (ObjectNode) created.deepCopy();
        admin.patch(path + "/dup", "application/merge-patch+json", Json.parse("{\"data\":{\"key\":\"newer\"}}"));
        assertThatThrownBy(() -> admin.put(path + "/dup", stale)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.reason()).isEqualTo("Conflict");
            assertThat(e.isConflict()).isTrue();
        });
        assertThatThrownBy(() -> admin.post(path, configMap("Bad_Name", "v"))).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(422);
            assertThat(e.reason()).isEqualTo("Invalid");
            assertThat(e.status().causes()).extracting(StatusCause::field).contains("metadata.name");
        });
        JsonNode wrongUid = Json.parse("{\"preconditions\":{\"uid\":\"00000000-0000-0000-0000-000000000000\"}}");
        assertThatThrownBy(() -> admin.delete(path + "/dup", wrongUid))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    void watchSeesAddedModifiedDeletedAndEndsCleanlyWhenClosed() throws Exception {
        String ns = namespace("client-watch");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        String rv = admin.get(path).path("metadata").path("resourceVersion").asText();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        BlockingQueue<Object> closes = new LinkedBlockingQueue<>();

        Watch watch = admin.watch(path + "?watch=true&resourceVersion=" + rv, events::add,
                e -> closes.add(e == null ? "clean" : e));
        admin.post(path, configMap("w", "1"));
        admin.patch(path + "/w", "application/merge-patch+json", Json.parse("{\"data\":{\"key\":\"2\"}}"));
        admin.delete(path + "/w", null);

        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("event %d of 3 after %s", i + 1, seen).isNotNull();
            seen.add(event.path("type").asText() + " " + event.path("object").path("data").path("key").asText());
        }
        assertThat(seen).containsExactly("ADDED 1", "MODIFIED 2", "DELETED 2");

        watch.close();
        assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("clean");
        assertThat(closes).isEmpty();
    }

    @Test
    void aWatchTheServerRefusesEndsWithItsStatus() throws Exception {
        BlockingQueue<Throwable> closes = new LinkedBlockingQueue<>();

        admin.watch("/api/v1/nonsense?watch=true", e -> { }, closes::add);

        assertThat(closes.poll(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(404));
    }

    @Test
    void theBearerTokenKubeconfigAuthenticatesAsAdmin() {
        ClientConfig config = kubeconfig("admin-token.kubeconfig");
        assertThat(config.token()).isNotNull();
        assertThat(config.clientKey()).isNull();

        try (ApiClient client = ApiClient.create(config)) {
            assertThat(client.get("/api/v1/namespaces").path("kind").asText()).isEqualTo("NamespaceList");
        }
    }

    @Test
    void negotiatesHttp2AndSharesItAcrossConcurrentRequests() throws Exception {
        assertThat(admin.send("GET", "/api/v1/namespaces", null, null).version()).isEqualTo(HttpClient.Version.HTTP_2);

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit(() -> {
                    int ok = 0;
                    for (int j = 0; j < 25; j++) {
                        ok += admin.send("GET", "/api/v1/namespaces/default", null, null).code() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(25);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anonymousRequestsAreRefusedWithUnauthorized() {
        ClientConfig anonymous = kubeconfig("admin.kubeconfig").withClientCertificate(List.of(), null);

        try (ApiClient client = ApiClient.create(anonymous)) {
            assertThatThrownBy(() -> client.get("/api/v1/namespaces"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo("Unauthorized"));
        }
    }

    /** kubectl's own kubeconfig writer, with certificates embedded, referenced by path, or a token. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded certificates", "certificate files", "token"})
    void loadsAKubeconfigWrittenByKubectl(String credentials, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "no " + KUBECTL);
        Path pki = cluster.pki();
        Path file = dir.resolve("config");
        boolean embed = credentials.equals("embedded certificates");
        kubectl(file, "set-cluster", "kube4j", "--server=" + cluster.url(),
                "--certificate-authority=" + pki.resolve("ca.crt"), "--embed-certs=" + embed);
        if (credentials.equals("token")) {
            String token = kubeconfig("admin-token.kubeconfig").token().get();
            kubectl(file, "set-credentials", "someone", "--token=" + token);
        } else {
            kubectl(file, "set-credentials", "someone", "--client-certificate=" + pki.resolve("admin.crt"),
                    "--client-key=" + pki.resolve("admin.key"), "--embed-certs=" + embed);
        }
        kubectl(file, "set-context", "work", "--cluster=kube4j", "--user=someone", "--namespace=kube-system");
        kubectl(file, "use-context", "work");
        assertThat(Files.readString(file)).contains(embed ? "certificate-authority-data" : "certificate-authority: ");

        try (ApiClient client = ApiClient.fromKubeconfig(file, null)) {
            assertThat(client.namespace()).isEqualTo("kube-system");
            assertThat(client.get("/api/v1/namespaces/kube-system").path("metadata").path("name").asText())
                    .isEqualTo("kube-system");
        }
    }

    private static void kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "config"));
        command.addAll(List.of(args));
        command.add("--kubeconfig=" + kubeconfig);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl %s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s\n%s", command, output).isZero();
    }
}
