package io.kube4j.scheduler.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Namespace;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdProcess;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench scheduler}: N nodes as API objects (no kubelets), then M pods created by many
 * concurrent clients while one in-process kube-scheduler binds them; a pod informer samples the
 * bound count every second (scheduler_perf's SchedulingThroughput) and notes each pod's
 * end-to-end latency (create sent → seen bound). Then the baseline: M bindings written straight
 * through the apiserver, no scheduler. One etcd, one apiserver (HTTPS), all on this machine.
 */
@Command(name = "bench-scheduler", mixinStandardHelpOptions = true,
        description = "Scheduling throughput of kube4j's kube-scheduler against one apiserver and etcd.")
public final class SchedulerBench implements Callable<Integer> {

    static final String NS = "bench";
    static final String BASELINE_NS = "baseline";

    @Option(names = "--nodes", defaultValue = "1000", description = "nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--pods", defaultValue = "10000", description = "pods to schedule (default ${DEFAULT-VALUE})")
    int pods;

    @Option(names = "--clients", defaultValue = "32", description = "concurrent creating / binding clients (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--connections", defaultValue = "8",
            description = "HTTP/2 connections the creating and binding clients spread over (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--qps", defaultValue = "5000", description = "the scheduler's client rate limit (default ${DEFAULT-VALUE})")
    int qps;

    @Option(names = "--bind-threads", defaultValue = "64", description = "the scheduler's binding threads (default ${DEFAULT-VALUE})")
    int bindThreads;

    @Option(names = "--precreate", description = "create every pod before the scheduler starts, and time how fast it drains them")
    boolean precreate;

    @Option(names = "--progress", description = "print the bound count and the scheduler's queue every second")
    boolean progress;

    @Option(names = "--etcd", split = ",", description = "etcd URLs to use instead of starting one")
    List<String> etcd;

    @Option(names = "--etcd-binary", defaultValue = "/usr/bin/etcd", description = "the etcd started without --etcd")
    Path etcdBinary;

    @Option(names = "--out", description = "the JSON results file (default target/scheduler-bench.json)")
    Path out;

    private final PrintStream console = System.out;

    public static void main(String[] args) {
        System.exit(run(args)); // exit even if a library left a non-daemon thread behind
    }

    /** 0 when every pod was scheduled, 1 when not, 2 for bad flags. */
    public static int run(String... args) {
        return new CommandLine(new SchedulerBench()).setExecutionExceptionHandler((error, command, parsed) -> {
            command.getErr().println("bench failed: " + error);
            error.printStackTrace(command.getErr());
            return 1;
        }).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || pods < 1 || clients < 1 || qps < 1 || connections < 1 || bindThreads < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--nodes, --pods, --clients, --connections, --bind-threads and --qps must be at least 1");
        }
        Level apiserverLevel = quiet("io.kube4j.apiserver", Level.WARN);
        Level schedulerLevel = quiet("io.kube4j.scheduler", Level.WARN);
        EtcdProcess ownEtcd = null;
        TestCluster cluster = null;
        ApiClient admin = null;
        List<ApiClient> writers = new java.util.ArrayList<>();
        try {
            List<String> endpoints = etcd;
            if (endpoints == null || endpoints.isEmpty()) {
                say("starting etcd from %s", etcdBinary);
                ownEtcd = EtcdProcess.start(etcdBinary);
                endpoints = List.of(ownEtcd.endpoint());
            }
            String prefix = "/kube4j-sched-bench-" + UUID.randomUUID().toString().substring(0, 8);
            cluster = TestCluster.start(new Etcd(endpoints, prefix, "bench"));
            admin = ApiClient.create(cluster.clientConfig("admin").withRateLimit(0, 1));
            say("apiserver at %s, etcd %s", cluster.url(), String.join(",", endpoints));
            List<ResourceClient<Pod>> podClients = new java.util.ArrayList<>();
            List<ResourceClient<Node>> nodeClients = new java.util.ArrayList<>();
            for (int c = 0; c < connections; c++) {
                ApiClient writer = ApiClient.create(cluster.clientConfig("admin").withRateLimit(0, 1));
                writers.add(writer);
                podClients.add(new ResourceClient<>(writer, Pod.KIND));
                nodeClients.add(new ResourceClient<>(writer, Node.KIND));
            }
            for (String ns : List.of(NS, BASELINE_NS)) {
                new ResourceClient<>(admin, Namespace.KIND).create(Namespace.named(ns));
            }

            say("creating %,d nodes with %d clients", nodes, clients);
            Parallel.Result nodeCreates = Parallel.run(nodes, clients, deadline(nodes), 
                    i -> nodeClients.get(i % connections).create(BenchObjects.node(i)));
            check(nodeCreates, "node creates");

            say("scheduling %,d pods onto %,d nodes; %d clients create them %s", pods, nodes, clients,
                    precreate ? "before the scheduler starts" : "while it runs");
            SchedulingRun run = SchedulingPhase.run(cluster, admin, podClients, pods, clients, qps, bindThreads, precreate,
                    nodeCreates, progress ? line -> say("%s", line) : null);

            say("baseline: %,d pods bound straight through the apiserver by %d clients, no scheduler", pods, clients);
            Parallel.Result baselineCreates = Parallel.run(pods, clients, deadline(pods),
                    i -> podClients.get(i % connections).create(BenchObjects.pod(BASELINE_NS, i, "bench-nobody")));
            check(baselineCreates, "baseline pod creates");
            Parallel.Result binds = Parallel.run(pods, clients, deadline(pods),
                    i -> podClients.get(i % connections).bind(BASELINE_NS, BenchObjects.podName(i), BenchObjects.nodeName(i % nodes)));
            check(binds, "baseline bindings");
            BenchReport report = new BenchReport(nodes, pods, clients, run, binds);

            console.println();
            console.print(report.table());
            Path results = out != null ? out : defaultOut();
            Files.createDirectories(results.toAbsolutePath().getParent());
            Files.writeString(results, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.json()),
                    StandardCharsets.UTF_8);
            say("results in %s", results.toAbsolutePath());
            return run.scheduled() == pods ? 0 : 1;
        } finally {
            writers.forEach(ApiClient::close);
            if (admin != null) {
                admin.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            if (ownEtcd != null) {
                ownEtcd.close();
            }
            quiet("io.kube4j.apiserver", apiserverLevel);
            quiet("io.kube4j.scheduler", schedulerLevel);
        }
    }

    static void check(Parallel.Result result, String what) {
        if (result.failures() > 0) {
            throw new IllegalStateException(result.failures() + " " + what + " failed, the first: " + result.firstFailure());
        }
    }

    /** {@code scheduler-bench.json} in the scheduler module's target/, wherever the bench is started from. */
    private static Path defaultOut() {
        try {
            Path classes = Path.of(SchedulerBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(classes) && classes.getParent() != null) {
                return classes.getParent().resolve("scheduler-bench.json");
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            // fall back to the working directory
        }
        return Path.of("target", "scheduler-bench.json");
    }

    /** A minute plus 20 ms per operation: only a stuck phase reaches it. */
    private static Duration deadline(int operations) {
        return Duration.ofSeconds(60).plusMillis(20L * operations);
    }

    /** Sets a logger's level (the apiserver logs every request at INFO); answers the previous one. */
    private static Level quiet(String logger, Level level) {
        if (LoggerFactory.getLogger(logger) instanceof Logger l) {
            Level previous = l.getLevel();
            l.setLevel(level);
            return previous;
        }
        return null;
    }

    private void say(String format, Object... args) {
        console.println("bench: " + String.format(Locale.ROOT, format, args));
    }
}
