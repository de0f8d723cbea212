package io.kube4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every verb, subresource and error code of the generic REST path, against a real apiserver on a real etcd. */
@EtcdTest
class ApiServerCrudIT {

    static TestCluster cluster;
    static TestClient admin;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
        admin = cluster.admin();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static ObjectNode pod(String name) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"main","image":"busybox:1.36","command":["sleep","3600"]}]}}
                """.formatted(name));
    }

    static String namespace(String name) throws Exception {
        TestClient.Reply reply = admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + name + "\"}}"));
        assertThat(reply.code()).as(reply.body()).isEqualTo(201);
        return name;
    }

    @Test
    void createsAPodWithServerSetMetadataAndDefaults() throws Exception {
        String ns = namespace("crud-create");
        TestClient.Reply created = admin.post("/api/v1/namespaces/" + ns + "/pods", pod("p1"));
        assertThat(created.code()).as(created.body()).isEqualTo(201);
        JsonNode meta = created.json().path("metadata");
        assertThat(meta.path("uid").asText()).matches("[0-9a-f-]{36}");
        assertThat(meta.path("namespace").asText()).isEqualTo(ns);
        assertThat(meta.path("resourceVersion").asLong()).isPositive();
        assertThat(meta.path("creationTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(created.json().path("spec").path("restartPolicy").asText()).isEqualTo("Always");
        assertThat(created.json().path("status").path("phase").asText()).isEqualTo("Pending");

        TestClient.Reply got = admin.get("/api/v1/namespaces/" + ns + "/pods/p1");
        assertThat(got.code()).isEqualTo(200);
        assertThat(got.contentType()).startsWith("application/json");
        assertThat(got.json().path("metadata").path("uid")).isEqualTo(meta.path("uid"));
    }

    @Test
    void answersWithKubernetesStatusesForEveryClientMistake() throws Exception {
        String ns = namespace("crud-errors");
        assertThat(admin.post("/api/v1/namespaces/" + ns + "/pods", pod("dup")).code()).isEqualTo(201);

        TestClient.Reply duplicate = admin.post("/api/v1/namespaces/" + ns + "/pods", pod("dup"));
        assertThat(duplicate.code()).isEqualTo(409);
        assertThat(duplicate.json().path("reason").asText()).isEqualTo("AlreadyExists");
        assertThat(duplicate.json().path("kind").asText()).isEqualTo("Status");

        TestClient.Reply missing = admin.get("/api/v1/namespaces/" + ns + "/pods/nope");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.json().path("message").asText()).isEqualTo("pods \"nope\" not found");

        TestClient.Reply badName = admin.post("/api/v1/namespaces/" + ns + "/pods", pod("Bad_Name"));
        assertThat(badName.code()).isEqualTo(422);
        assertThat(badName.json().path("reason").asText()).isEqualTo("Invalid");
        assertThat(badName.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("metadata.name");

        ObjectNode noContainers = pod("empty");
        ((ObjectNode) noContainers.path("spec")).putArray("containers");
        TestClient.Reply invalid = admin.post("/api/v1/namespaces/" + ns + "/pods", noContainers);
        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("spec.containers");

        TestClient.Reply malformed = admin.post("/api/v1/namespaces/" + ns + "/pods", "{not json");
        assertThat(malformed.code()).isEqualTo(400);
        assertThat(malformed.json().path("reason").asText()).isEqualTo("BadRequest");

        TestClient.Reply wrongKind = admin.post("/api/v1/namespaces/" + ns + "/pods", Json.parse("{\"kind\":\"Service\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}"));
        assertThat(wrongKind.code()).isEqualTo(400);

        TestClient.Reply unsupported = admin.patch("/api/v1/namespaces/" + ns + "/pods/dup", "text/plain", "x");
        assertThat(unsupported.code()).isEqualTo(415);

        TestClient.Reply tooLarge = admin.http1().post("/api/v1/namespaces/" + ns + "/configmaps", "x".repeat(4 * 1024 * 1024));
        assertThat(tooLarge.code()).isEqualTo(413);

        TestClient.Reply noNamespace = admin.post("/api/v1/namespaces/ghost/pods", pod("p"));
        assertThat(noNamespace.code()).isEqualTo(404);

        TestClient.Reply anonymous = cluster.anonymous().get("/api/v1/namespaces");
        assertThat(anonymous.code()).isEqualTo(401);
        assertThat(anonymous.json().path("reason").asText()).isEqualTo("Unauthorized");

        TestClient.Reply badSelector = admin.get("/api/v1/pods?labelSelector=a%20in%20(b");
        assertThat(badSelector.code()).isEqualTo(400);
        TestClient.Reply badField = admin.get("/api/v1/pods?fieldSelector=spec.bogus%3Dx");
        assertThat(badField.code()).isEqualTo(400);
        assertThat(badField.json().path("message").asText()).contains("field label not supported");

        TestClient.Reply notAllowed = admin.send("PUT", "/api/v1/namespaces/" + ns + "/pods", pod("x"), "application/json", null);
        assertThat(notAllowed.code()).isEqualTo(405);
    }

    @Test
    void updateWithAStaleResourceVersionConflictsAndOnlySpecChangesBumpGeneration() throws Exception {
        String ns = namespace("crud-update");
        JsonNode created = admin.post("/api/v1/namespaces/" + ns + "/configmaps",
                Json.parse("{\"metadata\":{\"name\":\"cm\"},\"data\":{\"a\":\"1\"}}")).json();
        ObjectNode changed = created.deepCopy();
        ((ObjectNode) changed.path("data")).put("a", "2");
        TestClient.Reply updated = admin.put("/api/v1/namespaces/" + ns + "/configmaps/cm", changed);
        assertThat(updated.code()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("metadata").path("resourceVersion").asLong())
                .isGreaterThan(created.path("metadata").path("resourceVersion").asLong());

        TestClient.Reply stale = admin.put("/api/v1/namespaces/" + ns + "/configmaps/cm", changed);
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.json().path("reason").asText()).isEqualTo("Conflict");
        assertThat(stale.json().path("message").asText()).contains("the object has been modified");

        JsonNode deploy = admin.post("/apis/apps/v1/namespaces/" + ns + "/deployments", Json.parse("""
                {"metadata":{"name":"web"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx:1"}]}}}}
                """)).json();
        assertThat(deploy.path("metadata").path("generation").asInt()).isEqualTo(1);
        TestClient.Reply status = admin.patch("/apis/apps/v1/namespaces/" + ns + "/deployments/web/status",
                "application/merge-patch+json", Json.parse("{\"status\":{\"replicas\":2},\"spec\":{\"replicas\":9}}"));
        assertThat(status.code()).as(status.body()).isEqualTo(200);
        assertThat(status.json().path("metadata").path("generation").asInt()).isEqualTo(1);
        assertThat(status.json().path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(status.json().path("status").path("replicas").asInt()).isEqualTo(2);

        TestClient.Reply spec = admin.patch("/apis/apps/v1/namespaces/" + ns + "/deployments/web",
                "application/merge-patch+json", Json.parse("{\"spec\":{\"replicas\":3},\"status\":{\"replicas\":7}}"));
        assertThat(spec.json().path("metadata").path("generation").asInt()).isEqualTo(2);
        assertThat(spec.json().path("status").path("replicas").asInt()).isEqualTo(2);

        TestClient.Reply scale = admin.patch("/apis/apps/v1/namespaces/" + ns + "/deployments/web/scale",
                "application/merge-patch+json", Json.parse("{\"spec\":{\"replicas\":5}}"));
        assertThat(scale.code()).as(scale.body()).isEqualTo(200);
        assertThat(scale.json().path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.json().path("spec").path("replicas").asInt()).isEqualTo(5);
        assertThat(scale.json().path("status").path("selector").asText()).isEqualTo("app=web");
        assertThat(admin.get("/apis/apps/v1/namespaces/" + ns + "/deployments/web").json().path("spec").path("replicas").asInt()).isEqualTo(5);
    }

    @Test
    void jsonPatchCarryingAStaleResourceVersionConflicts() throws Exception {
        String ns = namespace("crud-jsonpatch");
        JsonNode created = admin.post("/api/v1/namespaces/" + ns + "/configmaps",
                Json.parse("{\"metadata\":{\"name\":\"cm\"},\"data\":{\"a\":\"1\"}}")).json();
        String rv = created.path("metadata").path("resourceVersion").asText();
        String patch = "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"2\"},{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"" + rv + "\"}]";
        TestClient.Reply first = admin.patch("/api/v1/namespaces/" + ns + "/configmaps/cm", "application/json-patch+json", patch);
        assertThat(first.code()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("data").path("a").asText()).isEqualTo("2");
        TestClient.Reply second = admin.patch("/api/v1/namespaces/" + ns + "/configmaps/cm", "application/json-patch+json", patch);
        assertThat(second.code()).isEqualTo(409);
    }

    @Test
    void exactlyOneOfManyRacingWritersWins() throws Exception {
        String ns = namespace("crud-race");
        JsonNode created = admin.post("/api/v1/namespaces/" + ns + "/configmaps",
                Json.parse("{\"metadata\":{\"name\":\"race\"},\"data\":{\"v\":\"0\"}}")).json();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ObjectNode attempt = created.deepCopy();
                ((ObjectNode) attempt.path("data")).put("v", Integer.toString(i + 1));
                Callable<Integer> put = () -> admin.put("/api/v1/namespaces/" + ns + "/configmaps/race", attempt).code();
                results.add(pool.submit(put));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
            assertThat(codes).filteredOn(c -> c == 409).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listsFilterBySelectorsAndPageWithContinueTokens() throws Exception {
        String ns = namespace("crud-list");
        for (int i = 0; i < 7; i++) {
            ObjectNode p = pod("p" + i);
            ((ObjectNode) p.path("metadata").path("labels")).put("tier", i % 2 == 0 ? "even" : "odd");
            assertThat(admin.post("/api/v1/namespaces/" + ns + "/pods", p).code()).isEqualTo(201);
        }
        JsonNode even = admin.get("/api/v1/namespaces/" + ns + "/pods?labelSelector=tier%3Deven").json();
        assertThat(even.path("kind").asText()).isEqualTo("PodList");
        assertThat(even.path("items")).hasSize(4);
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods?labelSelector=tier%20in%20(odd),app").json().path("items")).hasSize(3);
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods?fieldSelector=metadata.name%3Dp3").json().path("items")).hasSize(1);
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods?fieldSelector=status.phase!%3DRunning&resourceVersion=0").json().path("items")).hasSize(7);

        List<String> names = new ArrayList<>();
        String next = "";
        int pages = 0;
        do {
            JsonNode page = admin.get("/api/v1/namespaces/" + ns + "/pods?limit=3" + (next.isEmpty() ? "" : "&continue=" + next)).json();
            page.path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
            next = page.path("metadata").path("continue").asText("");
            pages++;
        } while (!next.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6");
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods?limit=3&continue=bogus").code()).isEqualTo(400);
        assertThat(admin.get("/api/v1/pods").json().path("items").size()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void bindingSetsTheNodeOnceAndBoundPodsDeleteGracefully() throws Exception {
        String ns = namespace("crud-binding");
        admin.post("/api/v1/namespaces/" + ns + "/pods", pod("b1"));
        String binding = "{\"kind\":\"Binding\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"b1\"},\"target\":{\"kind\":\"Node\",\"name\":\"n1\"}}";
        TestClient.Reply bound = admin.post("/api/v1/namespaces/" + ns + "/pods/b1/binding", binding);
        assertThat(bound.code()).as(bound.body()).isEqualTo(201);
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods/b1").json().path("spec").path("nodeName").asText()).isEqualTo("n1");
        assertThat(admin.post("/api/v1/namespaces/" + ns + "/bindings", binding).code()).isEqualTo(409);

        TestClient.Reply deleting = admin.delete("/api/v1/namespaces/" + ns + "/pods/b1");
        assertThat(deleting.code()).isEqualTo(200);
        assertThat(deleting.json().path("metadata").has("deletionTimestamp")).isTrue();
        assertThat(deleting.json().path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods/b1").code()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/namespaces/" + ns + "/pods/b1", Json.parse("{\"gracePeriodSeconds\":0}")).code()).isEqualTo(200);
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods/b1").code()).isEqualTo(404);

        admin.post("/api/v1/namespaces/" + ns + "/pods", pod("unbound"));
        assertThat(admin.delete("/api/v1/namespaces/" + ns + "/pods/unbound").code()).isEqualTo(200);
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods/unbound").code()).isEqualTo(404);
    }

    @Test
    void finalizersHoldADeletedObjectUntilTheLastIsRemoved() throws Exception {
        String ns = namespace("crud-finalizers");
        admin.post("/api/v1/namespaces/" + ns + "/configmaps",
                Json.parse("{\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/hold\"]}}"));
        TestClient.Reply deleted = admin.delete("/api/v1/namespaces/" + ns + "/configmaps/held");
        assertThat(deleted.json().path("metadata").has("deletionTimestamp")).isTrue();
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/configmaps/held").code()).isEqualTo(200);
        TestClient.Reply released = admin.patch("/api/v1/namespaces/" + ns + "/configmaps/held",
                "application/merge-patch+json", Json.parse("{\"metadata\":{\"finalizers\":null}}"));
        assertThat(released.code()).as(released.body()).isEqualTo(200);
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/configmaps/held").code()).isEqualTo(404);
    }

    @Test
    void generateNameMakesAFreshNameWithKubernetesAlphabet() throws Exception {
        String ns = namespace("crud-generate");
        TestClient.Reply created = admin.post("/api/v1/namespaces/" + ns + "/configmaps",
                Json.parse("{\"metadata\":{\"generateName\":\"cfg-\"}}"));
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().path("metadata").path("name").asText()).matches("cfg-[bcdfghjklmnpqrstvwxz2456789]{5}");
    }

    @Test
    void refusesWriteOptionsAndMetadataKubernetesRefusesAndStoresNothing() throws Exception {
        String ns = namespace("crud-hostile");
        String configMaps = "/api/v1/namespaces/" + ns + "/configmaps";
        TestClient.Reply junkDryRun = admin.post(configMaps + "?dryRun=Junk", Json.parse("{\"metadata\":{\"name\":\"a\"}}"));
        assertThat(junkDryRun.code()).isEqualTo(422);
        assertThat(junkDryRun.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("dryRun");
        TestClient.Reply longManager = admin.post(configMaps + "?fieldManager=" + "m".repeat(129), Json.parse("{\"metadata\":{\"name\":\"b\"}}"));
        assertThat(longManager.code()).isEqualTo(422);
        TestClient.Reply longPrefix = admin.post(configMaps, Json.parse("{\"metadata\":{\"generateName\":\"" + "g".repeat(300) + "\"}}"));
        assertThat(longPrefix.code()).isEqualTo(422);
        assertThat(longPrefix.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("metadata.generateName");
        for (String body : java.util.List.of("{\"metadata\":{\"name\":123}}", "{\"metadata\":{\"generateName\":123}}",
                "{\"metadata\":{\"name\":\"c\",\"finalizers\":\"x\"}}", "{\"metadata\":{\"name\":\"d\",\"uid\":{}}}")) {
            assertThat(admin.post(configMaps, body).code()).as(body).isEqualTo(422);
        }
        assertThat(admin.get(configMaps).json().path("items")).isEmpty();
        assertThat(admin.post(configMaps + "?dryRun=All&fieldManager=ok", Json.parse("{\"metadata\":{\"name\":\"e\"}}")).code()).isEqualTo(201);
    }

    @Test
    void servesVersionDiscoveryOpenApiHealthAndMetrics() throws Exception {
        assertThat(admin.get("/version").json().path("minor").asText()).isEqualTo("32");
        assertThat(admin.get("/api").json().path("versions").get(0).asText()).isEqualTo("v1");
        JsonNode core = admin.get("/api/v1").json();
        assertThat(core.path("resources").findValuesAsText("name")).contains("pods", "pods/status", "pods/binding", "namespaces");
        assertThat(admin.get("/apis").json().path("groups").findValuesAsText("name")).contains("apps", "coordination.k8s.io");
        assertThat(admin.get("/apis/apps/v1").json().path("resources").findValuesAsText("name")).contains("deployments/scale");
        assertThat(admin.get("/openapi/v3").json().path("paths").has("api/v1")).isTrue();
        assertThat(cluster.anonymous().get("/healthz").code()).isEqualTo(200);
        assertThat(cluster.anonymous().get("/readyz").code()).isEqualTo(200);
        assertThat(admin.get("/metrics").body()).contains("apiserver_request_total");
        assertThat(admin.get("/api/v1/namespaces").json().path("items").findValuesAsText("name"))
                .contains("default", "kube-system", "kube-public", "kube-node-lease");
        assertThat(admin.get("/nonexistent").code()).isEqualTo(404);
    }

    @Test
    void tablesCarryKubectlColumnsAndRowObjects() throws Exception {
        String ns = namespace("crud-table");
        admin.post("/api/v1/namespaces/" + ns + "/pods", pod("t1"));
        TestClient.Reply table = admin.get("/api/v1/namespaces/" + ns + "/pods",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        assertThat(table.code()).isEqualTo(200);
        assertThat(table.json().path("kind").asText()).isEqualTo("Table");
        assertThat(table.json().path("columnDefinitions").findValuesAsText("name")).startsWith("Name", "Ready", "Status", "Restarts", "Age");
        assertThat(table.json().path("rows").get(0).path("object").path("metadata").path("name").asText()).isEqualTo("t1");
    }

    @Test
    void tokenUsersAuthenticateAndUnknownTokensAreRefused() throws Exception {
        String line = java.nio.file.Files.readAllLines(cluster.pki().resolve("tokens.csv")).stream()
                .filter(l -> l.contains(",admin,")).findFirst().orElseThrow();
        String token = line.substring(0, line.indexOf(','));
        assertThat(TestClient.withToken(cluster.url(), cluster.pki(), token).get("/api/v1/namespaces").code()).isEqualTo(200);
        assertThat(TestClient.withToken(cluster.url(), cluster.pki(), "bogus").get("/api/v1/namespaces").code()).isEqualTo(401);
    }

    @Test
    void deleteCollectionEvictionStatusAndNodeFieldSelectorsWork() throws Exception {
        String ns = namespace("crud-more");
        for (int i = 0; i < 3; i++) {
            admin.post("/api/v1/namespaces/" + ns + "/pods", pod("m" + i));
        }
        admin.post("/api/v1/namespaces/" + ns + "/pods/m0/binding",
                "{\"metadata\":{\"name\":\"m0\"},\"target\":{\"kind\":\"Node\",\"name\":\"n2\"}}");
        JsonNode onNode = admin.get("/api/v1/pods?fieldSelector=spec.nodeName%3Dn2").json();
        assertThat(onNode.path("items").findValuesAsText("name")).contains("m0");
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods?fieldSelector=spec.nodeName%3D").json().path("items")).hasSize(2);

        TestClient.Reply status = admin.patch("/api/v1/namespaces/" + ns + "/pods/m1/status", "application/merge-patch+json",
                Json.parse("{\"status\":{\"phase\":\"Running\"},\"spec\":{\"nodeName\":\"sneaky\"}}"));
        assertThat(status.code()).as(status.body()).isEqualTo(200);
        assertThat(status.json().path("status").path("phase").asText()).isEqualTo("Running");
        assertThat(status.json().path("spec").has("nodeName")).isFalse();

        TestClient.Reply evicted = admin.post("/api/v1/namespaces/" + ns + "/pods/m1/eviction",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"m1\"}}");
        assertThat(evicted.code()).as(evicted.body()).isEqualTo(201);
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods/m1").code()).isEqualTo(404);

        admin.post("/api/v1/namespaces/" + ns + "/configmaps", Json.parse("{\"metadata\":{\"name\":\"x1\",\"labels\":{\"gc\":\"yes\"}}}"));
        admin.post("/api/v1/namespaces/" + ns + "/configmaps", Json.parse("{\"metadata\":{\"name\":\"x2\",\"labels\":{\"gc\":\"yes\"}}}"));
        admin.post("/api/v1/namespaces/" + ns + "/configmaps", Json.parse("{\"metadata\":{\"name\":\"x3\"}}"));
        TestClient.Reply collection = admin.delete("/api/v1/namespaces/" + ns + "/configmaps?labelSelector=gc%3Dyes");
        assertThat(collection.code()).as(collection.body()).isEqualTo(200);
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/configmaps").json().path("items").findValuesAsText("name"))
                .containsExactly("x3");
    }

    @Test
    void theLegacyWatchPathStreamsEvents() throws Exception {
        String ns = namespace("crud-legacy-watch");
        try (TestClient.Watch watch = admin.watch("/api/v1/watch/namespaces/" + ns + "/configmaps")) {
            admin.post("/api/v1/namespaces/" + ns + "/configmaps", Json.parse("{\"metadata\":{\"name\":\"w\"}}"));
            JsonNode event = watch.next();
            assertThat(event.path("type").asText()).isEqualTo("ADDED");
            assertThat(event.path("object").path("metadata").path("name").asText()).isEqualTo("w");
        }
    }

    @Test
    void dryRunUpdatesAnswerWithTheWouldBeObjectAndStoreNothing() throws Exception {
        String ns = namespace("dry-run");
        String path = "/api/v1/namespaces/" + ns + "/configmaps/cm";
        TestClient.Reply created = admin.post("/api/v1/namespaces/" + ns + "/configmaps",
                Json.parse("{\"metadata\":{\"name\":\"cm\"},\"data\":{\"k\":\"old\"}}"));
        assertThat(created.code()).as(created.body()).isEqualTo(201);
        // the watch cache holds the object at this version: a dry run's reply must not be its bytes
        ObjectNode edited = (ObjectNode) created.json().deepCopy();
        ((ObjectNode) edited.path("data")).put("k", "put");
        TestClient.Reply put = admin.put(path + "?dryRun=All", edited);
        assertThat(put.code()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("data").path("k").asText()).isEqualTo("put");
        TestClient.Reply patched = admin.patch(path + "?dryRun=All", "application/merge-patch+json", "{\"data\":{\"k\":\"patch\"}}");
        assertThat(patched.code()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("data").path("k").asText()).isEqualTo("patch");
        TestClient.Reply stored = admin.get(path);
        assertThat(stored.json().path("data").path("k").asText()).isEqualTo("old");
        assertThat(stored.json().path("metadata").path("resourceVersion").asText())
                .isEqualTo(created.json().path("metadata").path("resourceVersion").asText());
    }
}
