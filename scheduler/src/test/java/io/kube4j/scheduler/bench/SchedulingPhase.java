package io.kube4j.scheduler.bench;

import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.scheduler.KubeScheduler;
import io.kube4j.scheduler.SchedulerOptions;
import io.kube4j.scheduler.config.SchedulerConfig;
import io.kube4j.scheduler.metrics.SchedulerMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The measured phase: an in-process kube-scheduler (as system:kube-scheduler, no leader election)
 * binds the benchmark's pods while a {@link BoundPodTracker} samples them. Pods are created
 * while the scheduler runs, as scheduler_perf does, or — {@code precreate} — all before it
 * starts, which measures how fast it drains a backlog without creates competing for the apiserver.
 */
final class SchedulingPhase {

    private SchedulingPhase() {
    }

    /**
     * @param podClients clients (one per HTTP/2 connection) the {@code clients} threads create pods through
     * @param progress   told a line about the bound count and the queue every second, or null
     */
    static SchedulingRun run(TestCluster cluster, ApiClient watcher, List<ResourceClient<Pod>> podClients, int pods,
                             int clients, int qps, int bindThreads, boolean precreate, Parallel.Result nodeCreates,
                             Consumer<String> progress) throws Exception {
        int connections = podClients.size();
        long[] createdAt = new long[pods];
        Duration deadline = Duration.ofSeconds(60).plusMillis(20L * pods);
        try (BoundPodTracker tracker = new BoundPodTracker(watcher, SchedulerBench.NS)) {
            tracker.start();
            Parallel.Result creates = null;
            if (precreate) {
                creates = create(podClients, pods, clients, deadline, createdAt);
            }
            KubeScheduler scheduler = KubeScheduler.create(SchedulerOptions.defaults(cluster.clientConfig("kube-scheduler"), "bench")
                    .withConfig(SchedulerConfig.DEFAULT.withClientRate(qps, qps)).withLeaderElect(false)
                    .withBindThreads(bindThreads).withServing("127.0.0.1", 0, null, null));
            ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor();
            try {
                scheduler.start();
                long t0 = System.nanoTime();
                if (progress != null) {
                    printer.scheduleAtFixedRate(() -> progress.accept(String.format("bound %,d, queue %s", tracker.bound(),
                            scheduler.queueLengths())), 1, 1, TimeUnit.SECONDS);
                }
                if (precreate) {
                    java.util.Arrays.fill(createdAt, t0); // latency counts from the scheduler's start
                } else {
                    creates = create(podClients, pods, clients, deadline, createdAt);
                }
                awaitBound(tracker, pods, deadline);
                long allBound = System.nanoTime();
                double[] latencies = new double[pods];
                for (int i = 0; i < pods; i++) {
                    latencies[i] = (tracker.boundAt(BenchObjects.podName(i)) - createdAt[i]) / 1e6;
                }
                SchedulerMetrics metrics = scheduler.metrics();
                String profile = "default-scheduler";
                return new SchedulingRun(precreate, nodeCreates, creates, Percentiles.of(tracker.throughputSamples(pods)),
                        pods / ((allBound - t0) / 1e9), Percentiles.of(latencies),
                        metrics.attempts(SchedulerMetrics.SCHEDULED, profile),
                        metrics.attempts(SchedulerMetrics.UNSCHEDULABLE, profile),
                        metrics.attempts(SchedulerMetrics.ERROR, profile));
            } finally {
                printer.shutdownNow();
                scheduler.close();
            }
        }
    }

    private static Parallel.Result create(List<ResourceClient<Pod>> podClients, int pods, int clients, Duration deadline,
                                          long[] createdAt) throws InterruptedException {
        Parallel.Result creates = Parallel.run(pods, clients, deadline, i -> {
            createdAt[i] = System.nanoTime();
            podClients.get(i % podClients.size()).create(BenchObjects.pod(SchedulerBench.NS, i, "default-scheduler"));
        });
        SchedulerBench.check(creates, "pod creates");
        return creates;
    }

    private static void awaitBound(BoundPodTracker tracker, int pods, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (tracker.bound() < pods) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + tracker.bound() + " of " + pods + " pods were bound within "
                        + within.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling the tracker's counter, not synchronising
        }
    }
}
