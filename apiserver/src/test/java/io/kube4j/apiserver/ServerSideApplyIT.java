package io.kube4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.testing.Kubectl;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply and field validation through the real kubectl: {@code apply --server-side}
 * twice, a second field manager's conflict and {@code --force-conflicts}, fields dropped from a
 * configuration, and unknown fields under {@code --validate=strict|warn}. Each test owns its objects
 * in namespace ssa.
 */
@EtcdTest
class ServerSideApplyIT {

    static TestCluster cluster;
    static TestClient admin;
    static Kubectl kubectl;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
        admin = cluster.admin();
        kubectl = Kubectl.against(cluster);
        kubectl.ok("create", "namespace", "ssa");
    }

    @AfterAll
    static void stop() {
        if (kubectl != null) {
            kubectl.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static String configMap(String name, String... data) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: ssa
                data:
                """.formatted(name));
        for (String entry : data) {
            String[] kv = entry.split("=", 2);
            yaml.append("  ").append(kv[0]).append(": \"").append(kv[1]).append("\"\n");
        }
        return yaml.toString();
    }

    static JsonNode stored(String name) throws Exception {
        TestClient.Reply reply = admin.get("/api/v1/namespaces/ssa/configmaps/" + name);
        assertThat(reply.code()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    static List<String> managers(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : object.path("metadata").path("managedFields")) {
            out.add(e.path("manager").asText() + " " + e.path("operation").asText() + " " + e.path("fieldsV1"));
        }
        return out;
    }

    @Test
    void applyServerSideTwiceCreatesThenKeepsTheObject() throws Exception {
        Path file = kubectl.file("twice.yaml", configMap("twice", "k=1"));

        Kubectl.Result first = kubectl.ok("apply", "--server-side", "-f", file.toString());
        String version = stored("twice").at("/metadata/resourceVersion").asText();
        Kubectl.Result second = kubectl.ok("apply", "--server-side", "-f", file.toString());

        assertThat(first.stdout()).contains("configmap/twice serverside-applied");
        assertThat(second.stdout()).contains("configmap/twice serverside-applied");
        JsonNode object = stored("twice");
        assertThat(object.at("/metadata/resourceVersion").asText()).as("a no-op apply writes nothing").isEqualTo(version);
        assertThat(managers(object)).containsExactly("kubectl Apply {\"f:data\":{\"f:k\":{}}}");
    }

    @Test
    void anotherManagerChangingTheSameFieldConflictsUntilItForces() throws Exception {
        kubectl.ok("apply", "--server-side", "-f", kubectl.file("shared-1.yaml", configMap("shared", "k=1", "mine=x")).toString());
        Path other = kubectl.file("shared-2.yaml", configMap("shared", "k=2"));

        Kubectl.Result conflict = kubectl.run("apply", "--server-side", "--field-manager=other", "-f", other.toString());

        assertThat(conflict.exitCode()).as("%s", conflict).isNotZero();
        assertThat(conflict.stderr()).contains("conflict").contains("\"kubectl\"").contains(".data.k");
        assertThat(stored("shared").at("/data/k").asText()).isEqualTo("1");

        Kubectl.Result forced = kubectl.ok("apply", "--server-side", "--field-manager=other", "--force-conflicts",
                "-f", other.toString());

        assertThat(forced.stdout()).contains("configmap/shared serverside-applied");
        JsonNode object = stored("shared");
        assertThat(object.at("/data/k").asText()).isEqualTo("2");
        assertThat(managers(object)).containsExactly("other Apply {\"f:data\":{\"f:k\":{}}}",
                "kubectl Apply {\"f:data\":{\"f:mine\":{}}}");
    }

    @Test
    void aFieldDroppedFromTheConfigurationIsRemoved() throws Exception {
        kubectl.ok("apply", "--server-side", "-f", kubectl.file("drop-1.yaml", configMap("drop", "a=1", "b=2")).toString());

        kubectl.ok("apply", "--server-side", "-f", kubectl.file("drop-2.yaml", configMap("drop", "a=1")).toString());

        assertThat(stored("drop").path("data").toString()).isEqualTo("{\"a\":\"1\"}");
    }

    @Test
    void clientSideEditsAreRecordedAsUpdatesOfTheirManager() throws Exception {
        kubectl.ok("create", "-f", kubectl.file("edited.yaml", configMap("edited", "a=1")).toString());
        kubectl.ok("patch", "-n", "ssa", "configmap", "edited", "--type=merge", "-p", "{\"data\":{\"b\":\"2\"}}");

        assertThat(managers(stored("edited"))).containsExactly(
                "kubectl-create Update {\"f:data\":{\".\":{},\"f:a\":{}}}".replace("\".\":{},", ""),
                "kubectl-patch Update {\"f:data\":{\"f:b\":{}}}");
    }

    @Test
    void applyWithoutAFieldManagerIsABadRequest() throws Exception {
        TestClient.Reply reply = admin.patch("/api/v1/namespaces/ssa/configmaps/nomanager", "application/apply-patch+yaml",
                configMap("nomanager", "a=1"));

        assertThat(reply.code()).isEqualTo(400);
        assertThat(reply.json().path("reason").asText()).isEqualTo("BadRequest");
        assertThat(reply.json().path("message").asText()).contains("fieldManager");
    }

    @Test
    void anApplyThatCreatesAnswers201AndAConflictAnswers409WithCauses() throws Exception {
        String path = "/api/v1/namespaces/ssa/configmaps/raw?fieldManager=one";
        TestClient.Reply created = admin.patch(path, "application/apply-patch+yaml", configMap("raw", "k=1"));
        TestClient.Reply conflict = admin.patch("/api/v1/namespaces/ssa/configmaps/raw?fieldManager=two",
                "application/apply-patch+yaml", configMap("raw", "k=2"));

        assertThat(created.code()).as(created.body()).isEqualTo(201);
        assertThat(conflict.code()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.json().path("reason").asText()).isEqualTo("Conflict");
        assertThat(conflict.json().at("/details/causes/0/field").asText()).isEqualTo(".data.k");
        assertThat(conflict.json().at("/details/causes/0/message").asText()).contains("\"one\"");
    }

    static String deployment(String image, String env) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: ssa
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                      - name: main
                        image: %s
                        ports:
                        - containerPort: 8080
                %s      - name: sidecar
                        image: busybox:1.36
                """.formatted(image, env);
    }

    @Test
    void aDeploymentAppliedServerSideKeepsItsGenerationUntilItsSpecChangesAndLosesWhatTheConfigDrops() throws Exception {
        String env = """
                        env:
                        - name: MODE
                          value: fast
                """;
        Path first = kubectl.file("web-1.yaml", deployment("nginx:1.27", env));
        kubectl.ok("apply", "--server-side", "-f", first.toString());
        kubectl.ok("apply", "--server-side", "-f", first.toString());
        JsonNode unchanged = admin.get("/apis/apps/v1/namespaces/ssa/deployments/web").json();
        assertThat(unchanged.at("/metadata/generation").asInt()).isEqualTo(1);

        Kubectl.Result changed = kubectl.ok("apply", "--server-side", "-f",
                kubectl.file("web-2.yaml", deployment("nginx:1.28", "")).toString());

        assertThat(changed.stdout()).contains("deployment.apps/web serverside-applied");
        JsonNode object = admin.get("/apis/apps/v1/namespaces/ssa/deployments/web").json();
        assertThat(object.at("/metadata/generation").asInt()).isEqualTo(2);
        JsonNode main = object.at("/spec/template/spec/containers/0");
        assertThat(main.path("image").asText()).isEqualTo("nginx:1.28");
        assertThat(main.has("env")).as("env dropped from the configuration: %s", main).isFalse();
        assertThat(main.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(object.at("/spec/template/spec/containers/1/name").asText()).isEqualTo("sidecar");
        assertThat(object.at("/metadata/managedFields/0/fieldsV1/f:spec/f:template/f:spec/f:containers")
                .has("k:{\"name\":\"main\"}")).isTrue();
    }

    static String podWithTypo(String name) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: ssa
                spec:
                  containers:
                  - name: main
                    image: busybox:1.36
                    imagePullPolicyy: Always
                """.formatted(name);
    }

    @Test
    void strictValidationRefusesAnUnknownFieldNamingIt() throws Exception {
        Path file = kubectl.file("typo-strict.yaml", podWithTypo("typo-strict"));

        Kubectl.Result strict = kubectl.run("apply", "--validate=strict", "-f", file.toString());
        Kubectl.Result byDefault = kubectl.run("create", "-f", file.toString());

        assertThat(strict.exitCode()).as("%s", strict).isNotZero();
        assertThat(strict.stderr()).contains("strict decoding error: unknown field \"spec.containers[0].imagePullPolicyy\"");
        assertThat(byDefault.exitCode()).as("kubectl validates strictly by default: %s", byDefault).isNotZero();
        assertThat(byDefault.stderr()).contains("unknown field \"spec.containers[0].imagePullPolicyy\"");
        assertThat(admin.get("/api/v1/namespaces/ssa/pods/typo-strict").code()).isEqualTo(404);
    }

    @Test
    void warnValidationStoresTheObjectWithoutTheUnknownFieldAndWarns() throws Exception {
        Path file = kubectl.file("typo-warn.yaml", podWithTypo("typo-warn"));

        Kubectl.Result warned = kubectl.ok("apply", "--validate=warn", "-f", file.toString());

        assertThat(warned.stderr()).contains("Warning: unknown field \"spec.containers[0].imagePullPolicyy\"");
        JsonNode pod = admin.get("/api/v1/namespaces/ssa/pods/typo-warn").json();
        assertThat(pod.at("/spec/containers/0").has("imagePullPolicyy")).isFalse();
    }

    @Test
    void patchesAreValidatedOnTheirResultInEachMode() throws Exception {
        kubectl.ok("create", "-f", kubectl.file("patched.yaml", configMap("patched", "a=1")).toString());
        String path = "/api/v1/namespaces/ssa/configmaps/patched?fieldValidation=";

        TestClient.Reply strict = admin.patch(path + "Strict", "application/merge-patch+json", "{\"dataa\":{\"b\":\"2\"}}");
        TestClient.Reply ignored = admin.patch(path + "Ignore", "application/merge-patch+json", "{\"dataa\":{\"b\":\"2\"}}");
        TestClient.Reply bad = admin.patch(path + "Loose", "application/merge-patch+json", "{\"data\":{\"b\":\"2\"}}");

        assertThat(strict.code()).as(strict.body()).isEqualTo(400);
        assertThat(strict.json().path("message").asText()).isEqualTo("ConfigMap in version \"v1\" cannot be handled as a"
                + " ConfigMap: strict decoding error: unknown field \"dataa\"");
        assertThat(ignored.code()).as(ignored.body()).isEqualTo(200);
        assertThat(ignored.json().has("dataa")).isFalse();
        assertThat(bad.code()).as(bad.body()).isEqualTo(400);
    }

    @Test
    void aStatusWriteIsRecordedUnderTheStatusSubresource() throws Exception {
        kubectl.ok("create", "-f", kubectl.file("status.yaml", configMap("status-holder", "a=1")
                .replace("kind: ConfigMap", "kind: Namespace").replace("  namespace: ssa\n", "").replace("data:\n  a: \"1\"\n", "")).toString());

        TestClient.Reply written = admin.patch("/api/v1/namespaces/status-holder/status?fieldManager=status-writer",
                "application/merge-patch+json", "{\"status\":{\"conditions\":[{\"type\":\"Custom\",\"status\":\"True\"}]}}");

        assertThat(written.code()).as(written.body()).isEqualTo(200);
        JsonNode entries = admin.get("/api/v1/namespaces/status-holder").json().at("/metadata/managedFields");
        assertThat(managers(admin.get("/api/v1/namespaces/status-holder").json()))
                .contains("status-writer Update {\"f:status\":{\"f:conditions\":{\"k:{\\\"type\\\":\\\"Custom\\\"}\":"
                        + "{\".\":{},\"f:status\":{},\"f:type\":{}}}}}");
        assertThat(entries.findValuesAsText("subresource")).containsExactly("status");
    }

    @Test
    void serverDryRunAndDiffLeaveTheStoredObjectAlone() throws Exception {
        Path first = kubectl.file("dry-1.yaml", configMap("dry", "k=1"));
        Kubectl.Result dry = kubectl.ok("apply", "--server-side", "--dry-run=server", "-f", first.toString());
        assertThat(dry.stdout()).contains("configmap/dry serverside-applied (server dry run)");
        assertThat(admin.get("/api/v1/namespaces/ssa/configmaps/dry").code()).isEqualTo(404);

        kubectl.ok("apply", "--server-side", "-f", first.toString());
        Kubectl.Result same = kubectl.run("diff", "--server-side", "-f", first.toString());
        Kubectl.Result changed = kubectl.run("diff", "--server-side", "-f",
                kubectl.file("dry-2.yaml", configMap("dry", "k=2")).toString());

        assertThat(same.exitCode()).as("%s", same).isZero();
        assertThat(changed.exitCode()).as("kubectl diff exits 1 when something differs: %s", changed).isEqualTo(1);
        assertThat(changed.stdout()).contains("-  k: \"1\"").contains("+  k: \"2\"");
        assertThat(stored("dry").at("/data/k").asText()).isEqualTo("1");
    }

    @Test
    void movingFromClientSideToServerSideApplyTakesOverWithoutConflicts() throws Exception {
        kubectl.ok("apply", "-f", kubectl.file("moved-1.yaml", configMap("moved", "k=1")).toString());

        Kubectl.Result moved = kubectl.run("apply", "--server-side", "-f",
                kubectl.file("moved-2.yaml", configMap("moved", "k=2")).toString());

        assertThat(moved.exitCode()).as("%s", moved).isZero();
        assertThat(stored("moved").at("/data/k").asText()).isEqualTo("2");
    }

    @Test
    void serverSideApplyValidatesTheConfigurationToo() throws Exception {
        Path file = kubectl.file("typo-ssa.yaml", podWithTypo("typo-ssa"));

        Kubectl.Result strict = kubectl.run("apply", "--server-side", "-f", file.toString());

        assertThat(strict.exitCode()).as("%s", strict).isNotZero();
        assertThat(strict.stderr()).contains("unknown field \"spec.containers[0].imagePullPolicyy\"");
    }
}
