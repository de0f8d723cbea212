package io.kube4j.apiserver.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdProcess;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.net.ssl.SSLContext;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures one etcd and one in-process kube-apiserver (HTTPS, admin client certificate), in this
 * order: a warm-up, (a) raw jetcd puts, (b) pod creates through the apiserver, (c) whole-namespace
 * lists from the watch cache and from etcd, (e) the apiserver's heap with the pods, (d) watch
 * fan-out. Prints a table against the targets and writes the figures as JSON. Every wait has a
 * deadline, and {@link #main} exits the JVM.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark of kube4j's kube-apiserver against one etcd (traffic to 127.0.0.1 only).")
public final class ApiServerBench implements Callable<Integer> {

    private static final int CONNECTIONS = 8;
    private static final String PODS_NS = "bench";
    private static final String WARMUP_NS = "bench-warmup";
    private static final String WATCH_NS = "bench-watch";
    /** How long after the last watched write the watchers may take to read every event. */
    private static final Duration WATCH_SETTLE = Duration.ofSeconds(60);

    @Option(names = "--quick", description = "a tenth of the full sizes (1,000 pods, 50 watchers, ...)")
    boolean quick;

    @Option(names = "--pods", description = "pods to create and list (default 10,000; quick 1,000)")
    Integer pods;

    @Option(names = "--puts", description = "raw etcd puts (default 20,000; quick 2,000)")
    Integer puts;

    @Option(names = "--warmup", description = "unmeasured pod creates and deletes first (default: as many as --pods)")
    Integer warmup;

    @Option(names = "--writers", defaultValue = "64", description = "puts / creates in flight (default ${DEFAULT-VALUE})")
    int writers;

    @Option(names = "--lists", description = "timed lists of each kind (default 30; quick 10)")
    Integer lists;

    @Option(names = "--watchers", description = "watch streams (default 500; quick 50)")
    Integer watchers;

    @Option(names = "--watch-writes", description = "pod creates the watchers see (default 1,000; quick 100)")
    Integer watchWrites;

    @Option(names = "--watch-rate", defaultValue = "100",
            description = "watched creates per second, 0 for unpaced (default ${DEFAULT-VALUE})")
    double watchRate;

    @Option(names = "--etcd", split = ",", paramLabel = "URL",
            description = "etcd client URLs to use instead of starting one (keys go under a fresh prefix, deleted after)")
    List<String> etcd;

    @Option(names = "--etcd-binary", defaultValue = "/usr/bin/etcd", description = "the etcd started without --etcd")
    Path etcdBinary;

    @Option(names = "--out", description = "the JSON results file (default bench-results.json in the apiserver module's target/)")
    Path out;

    private final PrintStream console = System.out;

    public static void main(String[] args) {
        // exit even if a library left a non-daemon thread behind
        System.exit(run(args));
    }

    /** Runs the bench in this JVM: 0 when it measured everything, 1 when something failed, 2 for bad flags. */
    public static int run(String... args) {
        return new CommandLine(new ApiServerBench())
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    command.getErr().println("bench failed: " + error.getMessage());
                    if (!(error instanceof BenchException)) {
                        error.printStackTrace(command.getErr());
                    }
                    return 1;
                })
                .execute(args);
    }

    @Override
    public Integer call() throws Exception {
        BenchSettings settings;
        try {
            settings = BenchSettings.of(quick, pods, puts, warmup, writers, lists, watchers, watchWrites, watchRate);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        Path results = out != null ? out : defaultOut();
        ExecutorService http = Executors.newCachedThreadPool(daemon("bench-http"));
        ExecutorService callers = Executors.newCachedThreadPool(daemon("bench-client"));
        QuietLogs quietLogs = QuietLogs.apply();
        EtcdProcess ownEtcd = null;
        TestCluster cluster = null;
        List<String> endpoints = etcd;
        String prefix = "/kube4j-bench-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            if (endpoints == null || endpoints.isEmpty()) {
                if (!Files.isExecutable(etcdBinary)) {
                    throw new BenchException("no etcd binary at " + etcdBinary + "; pass --etcd-binary or --etcd URLS");
                }
                say("starting etcd from %s", etcdBinary);
                ownEtcd = EtcdProcess.start(etcdBinary);
                endpoints = List.of(ownEtcd.endpoint());
            }
            long baselineHeap = HeapProbe.usedAfterGc();
            cluster = TestCluster.start(new Etcd(endpoints, prefix, "bench"));
            say("apiserver at %s, etcd %s, prefix %s", cluster.url(), String.join(",", endpoints), prefix);
            Report report = measure(settings, cluster, endpoints, prefix, baselineHeap, http, callers);
            console.println();
            console.print(report.table());
            console.printf(Locale.ROOT, "warm JVM: %,d unmeasured pod creates and deletes first, and two unmeasured watch rounds"
                    + " at twice the rate;%nheap: used after System.gc() with the pods, minus the same before the apiserver"
                    + " started (one JVM); the apiserver's INFO log (a line per request) was off.%n", settings.warmup());
            Files.createDirectories(results.toAbsolutePath().getParent());
            Files.writeString(results, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.json()),
                    StandardCharsets.UTF_8);
            say("results in %s", results.toAbsolutePath());
            report.problems().forEach(p -> console.println("problem: " + p));
            return report.problems().isEmpty() ? 0 : 1;
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            if (ownEtcd != null) {
                ownEtcd.close();
            } else if (endpoints != null && !endpoints.isEmpty()) {
                EtcdPutPhase.deleteAll(endpoints, prefix);
            }
            http.shutdownNow();
            callers.shutdownNow();
            quietLogs.restore();
        }
    }

    /** The phases in order: warm-up, (a), (b), (c), (e) before the watchers exist, then (d). */
    private Report measure(BenchSettings settings, TestCluster cluster, List<String> endpoints, String prefix,
                           long baselineHeap, ExecutorService http, ExecutorService callers) throws Exception {
        SSLContext tls = ApiClient.tls(cluster.pki(), "admin");
        ApiClient api = ApiClient.connect(cluster.url(), tls, CONNECTIONS, http, callers);
        for (String ns : List.of(PODS_NS, WARMUP_NS, WATCH_NS)) {
            api.call("POST", "/api/v1/namespaces", Pods.namespace(ns), 201);
        }
        byte[] podValue = warmUp(api, settings);

        say("(a) %,d raw etcd puts of %,d bytes, %d in flight", settings.puts(), podValue.length, settings.writers());
        LoadRunner.Result puts = EtcdPutPhase.run(endpoints, prefix, podValue, settings.puts(), settings.writers(),
                deadline(settings.puts()));

        say("(b) %,d pod creates, %d in flight over %d HTTP/2 connections", settings.pods(), settings.writers(), CONNECTIONS);
        LoadRunner.Result creates = LoadRunner.run("pod creates", settings.pods(), settings.writers(), Duration.ZERO,
                deadline(settings.pods()),
                i -> api.send(i, "POST", Pods.path(PODS_NS), Pods.pod(PODS_NS, String.format("pod-%07d", i)), 201));
        if (creates.failures() > 0) {
            throw new BenchException(creates.failures() + " pod creates failed, first: " + creates.firstFailure());
        }

        say("(c) %d lists of %,d pods from the watch cache, then from etcd", settings.lists(), settings.pods());
        LoadRunner.Result cacheLists = ListPhase.run("lists from the watch cache", api, PODS_NS, "?resourceVersion=0",
                settings.lists(), settings.pods());
        LoadRunner.Result etcdLists = ListPhase.run("lists from etcd", api, PODS_NS, "", settings.lists(), settings.pods());

        say("(e) heap with %,d pods", settings.pods());
        long heapWithPods = HeapProbe.usedAfterGc();

        String rate = settings.watchRate() > 0 ? String.format(Locale.ROOT, "%.0f/s", settings.watchRate()) : "unpaced";
        say("(d) %d watchers, %,d creates %s, after two unmeasured rounds at twice the rate", settings.watchers(),
                settings.watchWrites(), rate);
        IntFunction<ApiClient> watchConnections = n -> ApiClient.connect(cluster.url(), tls, n, http, callers);
        for (int round = 1; round <= 2; round++) {
            String ns = WATCH_NS + "-warmup-" + round;
            api.call("POST", "/api/v1/namespaces", Pods.namespace(ns), 201);
            WatchFanOutPhase.run(api, watchConnections, ns, settings.watchers(), settings.watchWrites(),
                    settings.writers(), 2 * settings.watchRate(), WATCH_SETTLE);
        }
        WatchFanOutPhase.Result watch = WatchFanOutPhase.run(api, watchConnections, WATCH_NS, settings.watchers(),
                settings.watchWrites(), settings.writers(), settings.watchRate(), WATCH_SETTLE);
        return new Report(settings, puts, creates, cacheLists, etcdLists, baselineHeap, heapWithPods, watch);
    }

    /**
     * Creates and deletes pods so the create path is compiled before it is timed; returns the
     * stored form of one, whose size the raw etcd puts use.
     */
    private byte[] warmUp(ApiClient api, BenchSettings settings) throws InterruptedException {
        int count = settings.warmup();
        say("warm-up: %,d pod creates and deletes", count);
        String path = Pods.path(WARMUP_NS);
        LoadRunner.Result created = LoadRunner.run("warm-up creates", count, settings.writers(), Duration.ZERO, deadline(count),
                i -> api.send(i, "POST", path, Pods.pod(WARMUP_NS, String.format("warm-%07d", i)), 201));
        if (created.failures() > 0) {
            throw new BenchException("pod creates fail: " + created.firstFailure());
        }
        byte[] stored = api.call("GET", path + "/warm-0000000", null, 200);
        LoadRunner.Result deleted = LoadRunner.run("warm-up deletes", count, settings.writers(), Duration.ZERO, deadline(count),
                i -> api.send(i, "DELETE", path + String.format("/warm-%07d", i), null, 200));
        if (deleted.failures() > 0) {
            throw new BenchException("pod deletes fail: " + deleted.firstFailure());
        }
        return stored;
    }

    /** Generous: a minute plus 50 ms per operation, so only a stuck phase hits it. */
    private static Duration deadline(int operations) {
        return Duration.ofSeconds(60).plusMillis(50L * operations);
    }

    private void say(String format, Object... args) {
        console.println("bench: " + String.format(Locale.ROOT, format, args));
    }

    private static Path defaultOut() {
        try {
            Path classes = Path.of(ApiServerBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(classes) && classes.getParent() != null) {
                return classes.getParent().resolve("bench-results.json");
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the working directory
        }
        return Path.of("target", "bench-results.json");
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Logs turned down for the run: the apiserver logs every request at INFO (thousands of lines
     * would bury the table) and gRPC logs each stream cancelled by a failed etcd call to JUL.
     */
    private record QuietLogs(Logger apiserver, Level apiserverLevel, java.util.logging.Logger grpc,
                             java.util.logging.Level grpcLevel) {

        static QuietLogs apply() {
            Logger apiserver = LoggerFactory.getLogger("io.kube4j.apiserver") instanceof Logger l ? l : null;
            java.util.logging.Logger grpc = java.util.logging.Logger.getLogger("io.grpc");
            QuietLogs quiet = new QuietLogs(apiserver, apiserver == null ? null : apiserver.getLevel(), grpc, grpc.getLevel());
            if (apiserver != null) {
                apiserver.setLevel(Level.WARN);
            }
            grpc.setLevel(java.util.logging.Level.WARNING);
            return quiet;
        }

        void restore() {
            if (apiserver != null) {
                apiserver.setLevel(apiserverLevel);
            }
            grpc.setLevel(grpcLevel);
        }
    }
}
