package io.kube4j.deploy.bench;

import io.kube4j.common.api.Json;
import io.kube4j.common.client.ApiClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code startup}: pods created through the apiserver, scheduled to the two real nodes and started by
 * their kubelets' {@code process} runtime, timed from the create's reply to the Running event; the
 * baseline is {@code ProcessBuilder.start()} of the same command in this JVM.
 */
final class StartupScenario {

    private static final String NS = "bench-startup";

    private StartupScenario() {
    }

    static List<Figure> run(ApiClient api, int pods) throws IOException {
        api.post("/api/v1/namespaces", Objects.namespace(NS));
        Map<String, Long> acked = new ConcurrentHashMap<>();
        List<Double> latencies = new ArrayList<>();
        try (PodTracker tracker = PodTracker.watch(api, NS)) {
            Parallel.Result created = Parallel.run(pods, 4, Duration.ofMinutes(2), i -> {
                String name = String.format("start-%04d", i);
                api.send("POST", "/api/v1/namespaces/" + NS + "/pods",
                        Json.bytes(Objects.pod(NS, name, "default-scheduler", Map.of())), "application/json");
                acked.put(name, System.nanoTime());
            });
            if (created.failures() > 0) {
                throw new BenchException("startup: pod creates failed: " + created.firstFailure());
            }
            tracker.awaitRunning(pods, Duration.ofMinutes(2));
            acked.forEach((name, at) -> latencies.add(Math.max(0, tracker.running.get(name) - at) / 1e6));
        }
        Stats pod = Stats.of(latencies);
        Stats process = Stats.of(processStarts(pods));
        api.delete("/api/v1/namespaces/" + NS, null);
        String label = String.format("%d pods on 2 nodes", pods);
        return List.of(
                Figure.info("startup", "created -> Running p50 (" + label + ")", pod.p50(), "ms", "ProcessBuilder p50", process.p50()),
                Figure.target("startup", "created -> Running p99", pod.p99(), "ms", "ProcessBuilder p99", process.p99(),
                        "<= 1,000 ms", pod.p99() <= 1000));
    }

    private static List<Double> processStarts(int count) throws IOException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            Process p = new ProcessBuilder("sleep", "3600").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(true).start();
            millis.add((System.nanoTime() - began) / 1e6);
            p.destroyForcibly();
        }
        return millis;
    }
}
