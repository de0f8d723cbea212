package io.kube4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.testing.Kubectl;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl (v1.32 through the /usr/bin dispatcher) against a real apiserver: what an
 * operator types, with default validation, tables, watches and waits. Each test owns its objects
 * in namespace t1, so the order does not matter.
 */
@EtcdTest
class KubectlIT {

    static TestCluster cluster;
    static TestClient admin;
    static Kubectl kubectl;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
        admin = cluster.admin();
        kubectl = Kubectl.against(cluster);
        // from a file (JSON on the wire): `create namespace` is tested on its own, it sends protobuf
        Path file = kubectl.file("t1-namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: t1\n");
        Kubectl.Result created = kubectl.ok("create", "-f", file.toString());
        assertThat(created.stdout()).as("%s", created).contains("namespace/t1 created");
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

    static String podYaml(String name) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels:
                    app: %s
                spec:
                  containers:
                  - name: main
                    image: busybox:1.36
                    command: ["sleep", "3600"]
                    ports:
                    - containerPort: 8080
                """.formatted(name, name);
    }

    static String deploymentYaml(String name, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  labels:
                    app: %1$s
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      containers:
                      - name: main
                        image: nginx:1.27
                        ports:
                        - containerPort: 80
                """.formatted(name, replicas);
    }

    /** {@code kubectl create -f} with default (strict) validation, which needs the OpenAPI v3 stub. */
    static Kubectl.Result createPod(String name) throws Exception {
        Path file = kubectl.file(name + "-pod.yaml", podYaml(name));
        Kubectl.Result created = kubectl.ok("create", "-f", file.toString(), "-n", "t1");
        assertThat(created.stdout()).as("%s", created).contains("pod/" + name + " created");
        return created;
    }

    static Kubectl.Result apply(String name, int replicas) throws Exception {
        Path file = kubectl.file(name + "-deploy.yaml", deploymentYaml(name, replicas));
        return kubectl.ok("apply", "-f", file.toString(), "-n", "t1");
    }

    static List<String> words(String line) {
        return Arrays.asList(line.trim().split("\\s+"));
    }

    static long linesFor(Kubectl.Result result, String name) {
        return result.lines().stream().filter(l -> !l.isBlank() && words(l).get(0).equals(name)).count();
    }

    @Test
    void versionReportsTheKube4jServer() throws Exception {
        Kubectl.Result version = kubectl.ok("version");
        assertThat(version.stdout()).as("%s", version).contains("Server Version: v1.32.0-kube4j");
    }

    /** kubectl's generator commands (create namespace, create deployment, …) POST protobuf, not JSON. */
    @Test
    void createNamespaceMakesANamespaceTheApiServes() throws Exception {
        Kubectl.Result created = kubectl.run("create", "namespace", "t2");
        assertThat(created.exitCode()).as("%s", created).isZero();
        assertThat(created.stdout()).as("%s", created).contains("namespace/t2 created");
        assertThat(admin.get("/api/v1/namespaces/t2").code()).isEqualTo(200);
        Kubectl.Result listed = kubectl.ok("get", "namespaces", "-o", "name");
        assertThat(listed.lines()).as("%s", listed).contains("namespace/t1", "namespace/t2", "namespace/default");
    }

    @Test
    void apiResourcesListsCoreAppsAndCoordinationResources() throws Exception {
        Kubectl.Result resources = kubectl.ok("api-resources");
        List<String> names = resources.lines().stream().skip(1).map(l -> words(l).get(0)).toList();
        assertThat(names).as("%s", resources).contains("pods", "namespaces", "deployments", "leases");
        assertThat(resources.lines().get(0)).as("%s", resources).contains("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
    }

    @Test
    void createFromAFileWithDefaultValidationThenGetAsJson() throws Exception {
        createPod("x");

        Kubectl.Result got = kubectl.ok("get", "pod", "x", "-n", "t1", "-o", "json");
        JsonNode pod = Json.parse(got.stdout());
        assertThat(pod.path("kind").asText()).as("%s", got).isEqualTo("Pod");
        assertThat(pod.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(pod.path("metadata").path("name").asText()).isEqualTo("x");
        assertThat(pod.path("metadata").path("namespace").asText()).isEqualTo("t1");
        assertThat(pod.path("metadata").path("uid").asText()).matches("[0-9a-f-]{36}");
        assertThat(pod.path("metadata").path("labels").path("app").asText()).isEqualTo("x");
        assertThat(pod.path("spec").path("containers").get(0).path("image").asText()).isEqualTo("busybox:1.36");
        assertThat(pod.path("spec").path("containers").get(0).path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(pod.path("status").path("phase").asText()).isEqualTo("Pending");
    }

    @Test
    void getWideShowsThePodColumnsOfKubectl() throws Exception {
        createPod("wide");

        Kubectl.Result table = kubectl.ok("get", "pods", "-n", "t1", "-o", "wide");
        assertThat(table.lines().get(0)).as("%s", table)
                .matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES\\s*");
        String row = table.lines().stream().filter(l -> l.startsWith("wide ")).findFirst().orElseThrow(
                () -> new AssertionError("no row for pod wide: " + table));
        assertThat(words(row)).as("%s", table).startsWith("wide", "0/1", "Pending", "0");
    }

    @Test
    void getAllNamespacesAddsTheNamespaceColumn() throws Exception {
        createPod("everywhere");

        Kubectl.Result table = kubectl.ok("get", "pods", "-A");
        assertThat(words(table.lines().get(0))).as("%s", table).startsWith("NAMESPACE", "NAME", "READY", "STATUS");
        assertThat(table.lines()).as("%s", table).anyMatch(l -> words(l).subList(0, 2).equals(List.of("t1", "everywhere")));
    }

    @Test
    void getWatchPrintsAnotherLineWhenThePodChanges() throws Exception {
        createPod("watched");

        try (Kubectl.Background watch = kubectl.start("get", "pods", "-n", "t1", "-w")) {
            await("the watch to list pod watched").atMost(Kubectl.DEADLINE).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(linesFor(watch.output(), "watched")).as("%s", watch.output()).isEqualTo(1));

            Kubectl.Result labelled = kubectl.ok("label", "pod", "watched", "-n", "t1", "foo=bar", "--overwrite");
            assertThat(labelled.stdout()).as("%s", labelled).contains("pod/watched labeled");

            await("the watch to print the change of pod watched").atMost(Kubectl.DEADLINE).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(linesFor(watch.output(), "watched")).as("%s", watch.output()).isGreaterThanOrEqualTo(2));
            assertThat(watch.isAlive()).as("kubectl get -w must keep watching: %s", watch.output()).isTrue();
        }
    }

    @Test
    void labelAndAnnotateReachTheStoredPod() throws Exception {
        createPod("tagged");

        Kubectl.Result labelled = kubectl.ok("label", "pod", "tagged", "-n", "t1", "tier=front");
        assertThat(labelled.stdout()).as("%s", labelled).contains("pod/tagged labeled");
        Kubectl.Result annotated = kubectl.ok("annotate", "pod", "tagged", "-n", "t1", "example.com/note=hello world");
        assertThat(annotated.stdout()).as("%s", annotated).contains("pod/tagged annotated");

        JsonNode stored = admin.get("/api/v1/namespaces/t1/pods/tagged").json().path("metadata");
        assertThat(stored.path("labels").path("tier").asText()).isEqualTo("front");
        assertThat(stored.path("labels").path("app").asText()).isEqualTo("tagged");
        assertThat(stored.path("annotations").path("example.com/note").asText()).isEqualTo("hello world");

        Kubectl.Result selected = kubectl.ok("get", "pods", "-n", "t1", "-l", "tier=front", "-o", "name");
        assertThat(selected.lines()).as("%s", selected).containsExactly("pod/tagged");

        Kubectl.Result removed = kubectl.ok("label", "pod", "tagged", "-n", "t1", "tier-");
        assertThat(removed.stdout()).as("%s", removed).contains("pod/tagged unlabeled");
        assertThat(admin.get("/api/v1/namespaces/t1/pods/tagged").json().path("metadata").path("labels").has("tier")).isFalse();
    }

    @Test
    void applyTwiceCreatesThenLeavesTheDeploymentAlone() throws Exception {
        Kubectl.Result first = apply("front", 2);
        assertThat(first.stdout()).as("%s", first).contains("deployment.apps/front created");

        Kubectl.Result second = apply("front", 2);
        assertThat(second.stdout()).as("%s", second).containsPattern("deployment.apps/front (unchanged|configured)");

        JsonNode stored = admin.get("/apis/apps/v1/namespaces/t1/deployments/front").json();
        assertThat(stored.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(stored.path("metadata").path("annotations").path("kubectl.kubernetes.io/last-applied-configuration").asText())
                .contains("\"name\":\"front\"");

        Kubectl.Result changed = apply("front", 4);
        assertThat(changed.stdout()).as("%s", changed).contains("deployment.apps/front configured");
        assertThat(admin.get("/apis/apps/v1/namespaces/t1/deployments/front").json().path("spec").path("replicas").asInt()).isEqualTo(4);
    }

    @Test
    void scaleSetsTheDeploymentReplicas() throws Exception {
        apply("web", 1);

        Kubectl.Result scaled = kubectl.ok("scale", "deployment", "web", "--replicas=3", "-n", "t1");
        assertThat(scaled.stdout()).as("%s", scaled).contains("deployment.apps/web scaled");

        JsonNode stored = admin.get("/apis/apps/v1/namespaces/t1/deployments/web").json();
        assertThat(stored.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(stored.path("metadata").path("generation").asLong()).isEqualTo(2);
    }

    @Test
    void getAllShowsPodsAndDeployments() throws Exception {
        createPod("every");
        apply("every", 1);

        Kubectl.Result all = kubectl.ok("get", "all", "-n", "t1");
        assertThat(all.stdout()).as("%s", all).contains("pod/every", "deployment.apps/every");
    }

    @Test
    void deleteOfAnUnboundPodFinishesAndThePodIsGone() throws Exception {
        createPod("doomed");

        Kubectl.Result deleted = kubectl.ok("delete", "pod", "doomed", "-n", "t1");
        assertThat(deleted.stdout()).as("%s", deleted).contains("pod \"doomed\" deleted");
        assertThat(admin.get("/api/v1/namespaces/t1/pods/doomed").code()).isEqualTo(404);

        Kubectl.Result missing = kubectl.run("get", "pod", "doomed", "-n", "t1");
        assertThat(missing.exitCode()).as("%s", missing).isEqualTo(1);
        assertThat(missing.stderr()).as("%s", missing).contains("pods \"doomed\" not found");
    }

    @Test
    void authCanIAndWhoamiAnswerForTheAdmin() throws Exception {
        assertThat(kubectl.ok("auth", "can-i", "delete", "deployments", "-n", "t1").stdout().trim()).isEqualTo("yes");
        Kubectl.Result whoami = kubectl.ok("auth", "whoami");
        assertThat(whoami.stdout()).as("%s", whoami).contains("admin").contains("system:masters");
    }

    @Test
    void getRawHealthzSaysOk() throws Exception {
        Kubectl.Result health = kubectl.ok("get", "--raw", "/healthz");
        assertThat(health.stdout().trim()).as("%s", health).isEqualTo("ok");
    }
}
