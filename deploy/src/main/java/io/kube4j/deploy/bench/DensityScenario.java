package io.kube4j.deploy.bench;

import io.kube4j.common.api.Json;
import io.kube4j.common.client.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code density}: one kubelet with the {@code fake} runtime speaking for many nodes, and pods
 * created through the apiserver for the scheduler to spread over them; timed from the first create
 * to the last pod seen Running. Resident memory of the apiserver and etcd afterwards.
 */
final class DensityScenario {

    private static final String NS = "bench-density";
    private static final Map<String, String> LABEL = Map.of("bench", "density");

    private DensityScenario() {
    }

    static List<Figure> run(BenchCluster cluster, ApiClient api, int nodes, int pods) throws IOException {
        List<String> kubelet = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m", "-jar",
                cluster.jar("kubelet").toString(), "--kubeconfig", cluster.pki().resolve("admin.kubeconfig").toString(),
                "--hostname-override", "density", "--container-runtime", "fake", "--fake-nodes", Integer.toString(nodes),
                "--node-labels", "bench=density", "--port", "0",
                "--root-dir", Files.createDirectories(cluster.home.resolve("data/kubelet-density")).toString());
        Process fake = cluster.start("kubelet-density", kubelet);
        Duration deadline = Duration.ofSeconds(120 + pods / 50);
        if (!Probes.until(Duration.ofSeconds(120), () -> readyNodes(api) >= nodes)) {
            throw new BenchException("density: " + readyNodes(api) + " of " + nodes + " fake nodes Ready within 120 s"
                    + cluster.logTails());
        }
        api.post("/api/v1/namespaces", Objects.namespace(NS));
        double seconds;
        try (PodTracker tracker = PodTracker.watch(api, NS)) {
            long began = System.nanoTime();
            Parallel.Result created = Parallel.run(pods, 64, deadline, i -> api.send("POST", "/api/v1/namespaces/" + NS + "/pods",
                    Json.bytes(Objects.pod(NS, String.format("dense-%06d", i), "default-scheduler", LABEL)), "application/json"));
            if (created.failures() > 0) {
                throw new BenchException("density: " + created.failures() + " pod creates failed: " + created.firstFailure());
            }
            tracker.awaitRunning(pods, deadline);
            long last = tracker.running.values().stream().mapToLong(Long::longValue).max().orElse(began);
            seconds = (last - began) / 1e9;
        }
        double apiserver = Probes.rssMiB(cluster.pid("kube-apiserver"));
        double etcd = Probes.rssMiB(cluster.pid("etcd"));
        double kubeletRss = Probes.rssMiB(fake.pid());
        String label = String.format("%,d pods on %,d fake nodes", pods, nodes);
        return List.of(
                Figure.target("density", "all Running (" + label + ")", seconds, "s", "", Double.NaN, "<= 120 s", seconds <= 120),
                Figure.info("density", "pods Running/s", pods / seconds, "/s"),
                Figure.info("density", "kube-apiserver RSS", apiserver, "MiB"),
                Figure.info("density", "etcd RSS", etcd, "MiB"),
                Figure.info("density", "fake kubelet RSS", kubeletRss, "MiB"));
    }

    private static int readyNodes(ApiClient api) {
        int ready = 0;
        for (var node : api.get("/api/v1/nodes?labelSelector=bench%3Ddensity").path("items")) {
            for (var condition : node.path("status").path("conditions")) {
                if ("Ready".equals(condition.path("type").asText()) && "True".equals(condition.path("status").asText())) {
                    ready++;
                }
            }
        }
        return ready;
    }
}
