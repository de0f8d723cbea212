package io.kube4j.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.Kubeconfig;
import io.kube4j.deploy.LocalCluster;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LocalCluster} (two process-runtime nodes, a standby scheduler and controller-manager,
 * short node-lifecycle timings) seen through an admin {@link ApiClient}, with the few reads and
 * objects the node and leader fault tests share.
 */
final class FaultCluster implements AutoCloseable {

    /** --node-monitor-grace-period: a node silent this long turns Unknown (its status is posted every 2 s). */
    static final Duration GRACE = Duration.ofSeconds(15);

    final LocalCluster local;
    final ApiClient api;

    private FaultCluster(LocalCluster local, ApiClient api) {
        this.local = local;
        this.api = api;
    }

    static FaultCluster up() throws IOException, InterruptedException {
        LocalCluster local = LocalCluster.up(2, true, Map.of(
                "KUBE4J_CONTROLLER_MANAGER_ARGS", "--node-monitor-period 1s --node-monitor-grace-period "
                        + GRACE.toSeconds() + "s --pod-eviction-timeout 3s",
                "KUBE4J_KUBELET_ARGS", "--node-status-update-frequency 2s",
                "KUBE4J_WITH_PROXY", "false"));
        ApiClient api = ApiClient.create(Kubeconfig.load(local.kubeconfig(), null)
                .withRateLimit(1_000_000, 1_000_000).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        return new FaultCluster(local, api);
    }

    void namespace(String name) {
        api.post("/api/v1/namespaces", Json.object().set("metadata", Json.object().put("name", name)));
    }

    /** Deletes the namespace without waiting for its contents to go. */
    void dropNamespace(String name) {
        try {
            api.delete("/api/v1/namespaces/" + name, null);
        } catch (ApiException e) {
            // already gone
        }
    }

    /** The status of the node's Ready condition: True, False, Unknown, or "" before it has one. */
    String ready(String node) {
        for (JsonNode c : api.get("/api/v1/nodes/" + node).path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return c.path("status").asText();
            }
        }
        return "";
    }

    List<JsonNode> pods(String namespace, String labelSelector) {
        List<JsonNode> pods = new ArrayList<>();
        api.get("/api/v1/namespaces/" + namespace + "/pods?labelSelector="
                + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8)).path("items").forEach(pods::add);
        return pods;
    }

    /** Pods that are not being deleted, are Running and report Ready. */
    List<JsonNode> readyPods(String namespace, String labelSelector) {
        return pods(namespace, labelSelector).stream().filter(p -> !p.path("metadata").has("deletionTimestamp")
                && "Running".equals(p.path("status").path("phase").asText()) && podReady(p)).toList();
    }

    static boolean podReady(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    static String uid(JsonNode object) {
        return object.path("metadata").path("uid").asText();
    }

    static String nodeName(JsonNode pod) {
        return pod.path("spec").path("nodeName").asText();
    }

    static int restarts(JsonNode pod) {
        int n = 0;
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            n += c.path("restartCount").asInt();
        }
        return n;
    }

    /** The container's OS processes (the runtime's wrapper shell and what it started), from its process:// id. */
    static List<OsProcess> processes(JsonNode pod) {
        List<OsProcess> all = new ArrayList<>();
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            String id = c.path("containerID").asText();
            if (!id.startsWith("process://")) {
                continue;
            }
            ProcessHandle.of(Long.parseLong(id.substring("process://".length()))).ifPresent(root -> {
                all.add(OsProcess.of(root));
                root.descendants().forEach(d -> all.add(OsProcess.of(d)));
            });
        }
        return all;
    }

    /** A process by pid and start time, so that a recycled pid is not mistaken for it. */
    record OsProcess(long pid, Instant started) {
        static OsProcess of(ProcessHandle p) {
            return new OsProcess(p.pid(), p.info().startInstant().orElse(Instant.EPOCH));
        }

        /** Alive and not a zombie. */
        boolean alive() {
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive() || !started.equals(p.get().info().startInstant().orElse(Instant.EPOCH))) {
                return false;
            }
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
                int afterName = stat.lastIndexOf(')');
                return afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Sends a signal by name (STOP, CONT) to one process, not its group: the pods it started keep running. */
    static void signal(long pid, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid + " failed");
        }
    }

    /**
     * A Deployment of {@code sleep} processes labelled {@code app=name}; pods tolerate an unreachable or
     * not-ready node for {@code tolerationSeconds} before they are evicted.
     */
    static ObjectNode deployment(String name, int replicas, Map<String, String> nodeSelector, long tolerationSeconds) {
        ObjectNode d = Json.object();
        d.put("apiVersion", "apps/v1").put("kind", "Deployment");
        d.putObject("metadata").put("name", name);
        ObjectNode spec = d.putObject("spec");
        spec.put("replicas", replicas);
        spec.putObject("selector").putObject("matchLabels").put("app", name);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", name);
        ObjectNode pod = template.putObject("spec");
        pod.put("terminationGracePeriodSeconds", 2);
        if (!nodeSelector.isEmpty()) {
            ObjectNode selector = pod.putObject("nodeSelector");
            nodeSelector.forEach(selector::put);
        }
        ArrayNode tolerations = pod.putArray("tolerations");
        for (String key : List.of("node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready")) {
            tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", "NoExecute")
                    .put("tolerationSeconds", tolerationSeconds);
        }
        ObjectNode container = pod.putArray("containers").addObject();
        container.put("name", "sleep").put("image", "kube4j/sleep:1");
        container.putArray("command").add("sleep").add("100000");
        container.putObject("resources").putObject("requests").put("cpu", "10m").put("memory", "16Mi");
        return d;
    }

    @Override
    public void close() throws IOException {
        api.close();
        try {
            local.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
