package io.kube4j.deploy.bench;

import io.kube4j.common.api.Json;
import io.kube4j.common.client.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code schedule}, scheduler_perf style: nodes as API objects only, the pods created while the
 * scheduler is stopped, then the scheduler started and its binds counted per second from the first
 * to the last. The baseline is bindings posted straight to the apiserver by 64 clients.
 */
final class ScheduleScenario {

    private static final String NS = "bench-schedule";
    private static final String BIND_NS = "bench-bind";
    private static final Map<String, String> LABEL = Map.of("bench", "schedule");

    private ScheduleScenario() {
    }

    /**
     * @param qps  the restarted scheduler's {@code clientConnection.qps} and burst; 0 keeps its default
     *             (50, as kube-scheduler's), which then bounds the binds per second
     * @param heap the restarted scheduler's {@code -Xmx}, empty to keep the launcher's
     */
    static List<Figure> run(BenchCluster cluster, ApiClient api, int nodes, int pods, int bindings, int qps, String heap)
            throws IOException {
        Duration deadline = Duration.ofSeconds(60 + pods / 20);
        Parallel.Result made = Parallel.run(nodes, 16, deadline,
                i -> api.send("POST", "/api/v1/nodes", Json.bytes(Objects.node(nodeName(i), LABEL)), "application/json"));
        failIfAny("node creates", made);
        api.post("/api/v1/namespaces", Objects.namespace(NS));
        api.post("/api/v1/namespaces", Objects.namespace(BIND_NS));

        List<String> scheduler = cluster.commandLine("kube-scheduler");
        cluster.stop("kube-scheduler");
        Parallel.Result created = Parallel.run(pods, 64, deadline, i -> api.send("POST", "/api/v1/namespaces/" + NS + "/pods",
                Json.bytes(Objects.pod(NS, String.format("pod-%06d", i), "default-scheduler", LABEL)), "application/json"));
        failIfAny("pod creates", created);

        long[] binds;
        try (PodTracker tracker = PodTracker.watch(api, NS)) {
            List<String> unelected = new ArrayList<>(scheduler);
            unelected.add("--leader-elect=false");  // the stopped one may still hold the lease
            if (qps > 0) {
                Path config = cluster.home.resolve("bench-scheduler.yaml");
                Files.writeString(config, "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n"
                        + "clientConnection: {qps: " + qps + ", burst: " + qps + "}\n");
                unelected = BenchCluster.withFlag(unelected, "--config", config.toString());
            }
            if (!heap.isEmpty()) {
                unelected.replaceAll(arg -> arg.startsWith("-Xmx") ? "-Xmx" + heap : arg);
            }
            cluster.start("kube-scheduler", unelected);
            tracker.awaitBound(pods, deadline.plusSeconds(60));
            binds = tracker.bound.values().stream().mapToLong(Long::longValue).sorted().toArray();
        }
        double seconds = (binds[binds.length - 1] - binds[0]) / 1e9;
        double average = (binds.length - 1) / Math.max(seconds, 1e-3);
        Stats perSecond = Stats.of(perSecondSamples(binds));

        Parallel.Result bindPods = Parallel.run(bindings, 64, deadline, i -> api.send("POST",
                "/api/v1/namespaces/" + BIND_NS + "/pods",
                Json.bytes(Objects.pod(BIND_NS, String.format("bind-%06d", i), "bench-manual", Map.of())), "application/json"));
        failIfAny("baseline pod creates", bindPods);
        Parallel.Result bound = Parallel.run(bindings, 64, deadline, i -> {
            String pod = String.format("bind-%06d", i);
            api.send("POST", "/api/v1/namespaces/" + BIND_NS + "/pods/" + pod + "/binding",
                    Json.bytes(Objects.binding(BIND_NS, pod, nodeName(i % nodes))), "application/json");
        });
        failIfAny("baseline bindings", bound);
        double baseline = bound.perSecond();

        String label = String.format("%,d nodes x %,d pods, client qps %s", nodes, pods, qps > 0 ? qps : "default");
        return List.of(
                Figure.target("schedule", "pods/s avg (" + label + ")", average, "/s", "bindings/s via apiserver", baseline,
                        ">= 500/s", average >= 500),
                Figure.info("schedule", "pods/s p50 of 1 s samples", perSecond.p50(), "/s"),
                Figure.info("schedule", "pods/s p90 of 1 s samples", perSecond.p90(), "/s"),
                Figure.info("schedule", "pods/s p99 of 1 s samples", perSecond.p99(), "/s"),
                Figure.info("schedule", "pod creates/s (scheduler stopped)", created.perSecond(), "/s"));
    }

    static String nodeName(int i) {
        return String.format("bench-node-%05d", i);
    }

    /** Binds per whole second from the first bind; the last, partial second is left out unless it is the only one. */
    private static List<Double> perSecondSamples(long[] sortedNanos) {
        List<Double> samples = new ArrayList<>();
        long start = sortedNanos[0];
        int bucket = 0;
        int inBucket = 0;
        for (long t : sortedNanos) {
            int b = (int) ((t - start) / 1_000_000_000L);
            while (b > bucket) {
                samples.add((double) inBucket);
                inBucket = 0;
                bucket++;
            }
            inBucket++;
        }
        if (samples.isEmpty()) {
            samples.add((double) inBucket);
        }
        return samples;
    }

    private static void failIfAny(String what, Parallel.Result result) {
        if (result.failures() > 0) {
            throw new BenchException("schedule: " + result.failures() + " " + what + " failed, first: " + result.firstFailure());
        }
    }
}
