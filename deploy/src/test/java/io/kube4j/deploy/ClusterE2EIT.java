package io.kube4j.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The whole system end to end: the real jars as separate OS processes, started by {@code deploy/kube4j up}
 * (two nodes, a standby scheduler and controller-manager, shortened node-lifecycle timings), driven by
 * the real kubectl. The steps build on each other and run in order; a failing step prints every
 * component's log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterE2EIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "e2e";
    private static LocalCluster cluster;
    private static Kubectl kubectl;
    private static boolean proxy;

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                System.out.println("e2e: step " + context.getDisplayName() + " failed; component logs:" + cluster.logs());
            }
        }
    };

    @BeforeAll
    static void up() throws Exception {
        if (Kubectl.binary() == null) {
            System.out.println("!!! ClusterE2EIT SKIPPED: no kubectl on the PATH (install kubectl or Debian's kubernetes-client) !!!");
        }
        assumeTrue(Kubectl.binary() != null, "no kubectl on the PATH");
        proxy = Files.readString(LocalCluster.repo().resolve("pom.xml")).contains("<module>kube-proxy</module>")
                && Files.exists(LocalCluster.repo().resolve("kube-proxy/target/kube-proxy.jar"))
                && !"false".equals(System.getenv("KUBE4J_WITH_PROXY"));
        cluster = LocalCluster.up(2, true, Map.of(
                "KUBE4J_CONTROLLER_MANAGER_ARGS",
                // the kubelet renews its Lease every 10 s: the grace period needs slack for a loaded machine
                "--node-monitor-period 1s --node-monitor-grace-period 25s --pod-eviction-timeout 3s",
                "KUBE4J_KUBELET_ARGS", "--node-status-update-frequency 2s",
                "KUBE4J_WITH_PROXY", Boolean.toString(proxy)));
        kubectl = new Kubectl(cluster.kubeconfig());
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void upTwiceSaysAlreadyUpAndStatusReportsEveryComponent() throws Exception {
        LocalCluster.Result again = cluster.script(Duration.ofSeconds(30), "up");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("already up");
        LocalCluster.Result status = cluster.script(Duration.ofSeconds(30), "status");
        assertThat(status.exit()).as(status.out()).isZero();
        assertThat(status.out()).contains("kube-apiserver: up", "ready", "kubelet-n1: up", "kubelet-n2: up",
                "node Ready", "kube-scheduler-2: up", "kube-controller-manager-2: up");
        assertThat(kubectl.ok("get", "nodes")).contains("n1", "n2").doesNotContain("NotReady");
    }

    @Test
    @Order(2)
    void applyDeploymentAndServiceRollsOutOverBothNodes() throws Exception {
        kubectl.ok("create", "namespace", NS);
        Path manifest = Files.createTempFile("web-", ".yaml");
        Files.writeString(manifest, manifest("v1"));
        kubectl.ok("apply", "-n", NS, "-f", manifest.toString());
        kubectl.ok("rollout", "status", "-n", NS, "deployment/web", "--timeout=90s");
        List<JsonNode> pods = readyPods();
        assertThat(pods).hasSize(3);
        Set<String> nodes = new TreeSet<>();
        pods.forEach(p -> nodes.add(p.path("spec").path("nodeName").asText()));
        assertThat(nodes).as("pods spread over both nodes").containsExactly("n1", "n2");
    }

    @Test
    @Order(3)
    void trafficThroughTheClusterIpReachesEveryPod() throws Exception {
        if (!proxy) {
            System.out.println("!!! e2e: clusterIP traffic step SKIPPED: this build has no kube-proxy module !!!");
        }
        assumeTrue(proxy, "no kube-proxy module");
        JsonNode service = JSON.readTree(kubectl.ok("get", "service", "web", "-n", NS, "-o", "json"));
        String clusterIp = service.path("spec").path("clusterIP").asText();
        assertThat(clusterIp).startsWith("127.96.");
        Set<String> expected = new TreeSet<>();
        readyPods().forEach(p -> expected.add(p.path("metadata").path("name").asText()));
        Set<String> answered = new TreeSet<>();
        Poll.untilTrue(Duration.ofSeconds(30), "answers from all of " + expected + " through " + clusterIp + ":80", () -> {
            for (int i = 0; i < 12; i++) {
                answered.add(get("http://" + clusterIp + ":80/").split(" ")[0]);
            }
            return answered.containsAll(expected);
        });
        assertThat(answered).isEqualTo(expected);
    }

    @Test
    @Order(4)
    void logsScaleAndRollingUpdate() throws Exception {
        assertThat(kubectl.ok("logs", "-n", NS, "deploy/web")).contains("serving web-");
        kubectl.ok("scale", "-n", NS, "deployment/web", "--replicas=5");
        Poll.untilTrue(Duration.ofSeconds(60), "5 ready pods", () -> readyPods().size() == 5);
        kubectl.ok("set", "image", "-n", NS, "deployment/web", "web=kube4j/http-echo:v2");
        kubectl.ok("rollout", "status", "-n", NS, "deployment/web", "--timeout=120s");
        List<JsonNode> pods = Poll.until(Duration.ofSeconds(60), "5 ready pods of image v2", () -> {
            List<JsonNode> ready = readyPods();
            boolean allNew = ready.stream().allMatch(p ->
                    p.path("spec").path("containers").path(0).path("image").asText().endsWith(":v2"));
            return ready.size() == 5 && allNew ? Optional.of(ready) : Optional.empty();
        });
        assertThat(pods).hasSize(5);
        assertThat(kubectl.ok("rollout", "history", "-n", NS, "deployment/web")).contains("1", "2");
    }

    @Test
    @Order(5)
    void killedKubeletsPodsAreRecreatedOnTheOtherNode() throws Exception {
        cluster.kill9("kubelet-n2");
        Poll.untilTrue(Duration.ofSeconds(60), "node n2 Unknown", () -> "Unknown".equals(readyStatus("n2")));
        List<JsonNode> pods = Poll.until(Duration.ofSeconds(90), "5 ready pods, all on n1", () -> {
            List<JsonNode> ready = readyPods();
            boolean allOnN1 = ready.stream().allMatch(p -> "n1".equals(p.path("spec").path("nodeName").asText()));
            return ready.size() == 5 && allOnN1 ? Optional.of(ready) : Optional.empty();
        });
        assertThat(pods).hasSize(5);
        assertThat(readyStatus("n1")).isEqualTo("True");
    }

    @Test
    @Order(6)
    void killedLeadersAreReplacedByTheStandbys() throws Exception {
        for (String name : List.of("kube-scheduler", "kube-controller-manager")) {
            String holder = JSON.readTree(kubectl.ok("get", "lease", name, "-n", "kube-system", "-o", "json"))
                    .path("spec").path("holderIdentity").asText();
            String leader = cluster.log(name).contains(holder + " became the leader") ? name : name + "-2";
            assertThat(cluster.log(leader)).contains(holder);
            cluster.kill9(leader);
            System.out.println("e2e: killed the leading " + leader + " (" + holder + ")");
        }
        kubectl.ok("scale", "-n", NS, "deployment/web", "--replicas=6");
        Poll.untilTrue(Duration.ofSeconds(90), "6 ready pods after the leaders died",
                () -> readyPods().size() == 6);
    }

    @Test
    @Order(7)
    void deletingTheNamespaceRemovesEverythingInIt() throws Exception {
        // n2's pods stay Terminating while its kubelet is down: bring the crashed components back first,
        // which `up` does for whatever is not running.
        LocalCluster.Result status = cluster.script(Duration.ofSeconds(30), "status");
        assertThat(status.exit()).isNotZero();
        assertThat(status.out()).contains("kubelet-n2: down");
        LocalCluster.Result up = cluster.script(Duration.ofMinutes(2), "up");
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(cluster.script(Duration.ofSeconds(30), "status").exit()).isZero();

        kubectl.ok("delete", "namespace", NS, "--timeout=120s");
        Poll.untilTrue(Duration.ofSeconds(60), "namespace " + NS + " gone",
                () -> kubectl.run(Duration.ofSeconds(30), "get", "namespace", NS).exit() != 0);
        JsonNode left = JSON.readTree(kubectl.ok("get", "pods,services,deployments,replicasets,endpoints",
                "-n", NS, "-o", "json"));
        assertThat(left.path("items")).isEmpty();
    }

    private static String manifest(String version) throws IOException {
        String server = LocalCluster.repo().resolve("deploy/demo/HttpEcho.java").toString();
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {app: web}}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      terminationGracePeriodSeconds: 5
                      # evicted 2 s after their node goes away (the apiserver's default is 300 s)
                      tolerations:
                      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                      containers:
                      - name: web
                        image: kube4j/http-echo:%s
                        command: [java, -Xmx24m, -Xss512k, -XX:TieredStopAtLevel=1, -XX:+UseSerialGC, %s]
                        env: [{name: MESSAGE, value: "%s"}]
                        ports: [{containerPort: 8080}]
                        resources: {requests: {cpu: 100m, memory: 64Mi}}
                        readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 1}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                """.formatted(version, server, version);
    }

    /** Pods of the deployment that are Ready and not terminating. */
    private static List<JsonNode> readyPods() throws Exception {
        JsonNode list = JSON.readTree(kubectl.ok("get", "pods", "-n", NS, "-l", "app=web", "-o", "json"));
        List<JsonNode> ready = new ArrayList<>();
        for (JsonNode pod : list.path("items")) {
            if (pod.path("metadata").has("deletionTimestamp")) {
                continue;
            }
            for (JsonNode c : pod.path("status").path("conditions")) {
                if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                    ready.add(pod);
                }
            }
        }
        return ready;
    }

    private static String readyStatus(String node) throws Exception {
        JsonNode n = JSON.readTree(kubectl.ok("get", "node", node, "-o", "json"));
        Map<String, String> conditions = new HashMap<>();
        n.path("status").path("conditions").forEach(c -> conditions.put(c.path("type").asText(), c.path("status").asText()));
        return conditions.getOrDefault("Ready", "");
    }

    private static String get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(5000);
        connection.setRequestProperty("Connection", "close"); // a new TCP connection, so a new backend choice
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }
}
