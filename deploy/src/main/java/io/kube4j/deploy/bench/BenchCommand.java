package io.kube4j.deploy.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.kube4j.common.api.Json;
import io.kube4j.common.client.ApiClient;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kube4j-bench}: every scenario of the performance issue, each against a baseline measured in
 * the same run. {@code writes}, {@code reads} and {@code watch} run the apiserver's benchmark (its
 * own etcd, an in-process apiserver); the others, and {@code reads} once more, share one cluster
 * brought up with {@code deploy/kube4j up --nodes 2} (every daemon its own JVM) and run in the order
 * footprint (cold starts, idle RSS), startup, schedule, footprint (RSS loaded), reads, proxy, density.
 * A scenario that fails is reported as a problem and the others still run.
 */
@Command(name = "kube4j-bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of kube4j against same-run baselines; writes bench-results.json (loopback only).")
public final class BenchCommand implements Callable<Integer> {

    static final List<String> SCENARIOS = List.of("writes", "reads", "watch", "schedule", "startup", "density",
            "footprint", "proxy");

    @Option(names = "--quick", description = "scaled-down sizes: all scenarios in under 2 minutes")
    boolean quick;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
            description = "scenarios to run (default all): writes, reads, watch, schedule, startup, density, footprint, proxy")
    List<String> scenarios;

    @Option(names = "--out", defaultValue = "bench-results.json", description = "results file (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--repo", description = "the kube4j checkout whose deploy/kube4j and target/*.jar are used"
            + " (default: found from this jar, or the working directory)")
    Path repo;

    @Option(names = "--etcd-binary", defaultValue = "/usr/bin/etcd", description = "etcd for the apiserver scenarios")
    Path etcdBinary;

    @Option(names = "--scheduler-qps", defaultValue = "5000",
            description = "clientConnection.qps/burst of the scheduler under test, as scheduler_perf sets them;"
                    + " 0 keeps kube-scheduler's default of 50 (default ${DEFAULT-VALUE})")
    int schedulerQps;

    @Option(names = "--scheduler-heap", defaultValue = "1g",
            description = "-Xmx of the scheduler under test: 30,000 pods and more do not fit the launcher's 256m;"
                    + " empty keeps it (default ${DEFAULT-VALUE})")
    String schedulerHeap;

    private final PrintStream console = System.out;

    public static void main(String[] args) {
        System.exit(run(args));  // exit even if a library left a non-daemon thread behind
    }

    /** 0 when every scenario measured, 1 when one failed, 2 for bad flags. */
    public static int run(String... args) {
        return new CommandLine(new BenchCommand()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Set<String> wanted = new LinkedHashSet<>(scenarios == null ? SCENARIOS : scenarios);
        for (String s : wanted) {
            if (!SCENARIOS.contains(s)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown scenario '" + s + "'; known: " + SCENARIOS);
            }
        }
        quietLogs();
        long began = System.nanoTime();
        List<Figure> figures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> apiScenarios = new LinkedHashSet<>(wanted);
        apiScenarios.retainAll(List.of("writes", "reads", "watch"));
        // reads alone are measured on the cluster; the apiserver bench adds its lists when it runs anyway
        if (apiScenarios.contains("writes") || apiScenarios.contains("watch")) {
            say("writes, reads, watch: the apiserver bench (%s)", quick ? "quick" : "full");
            try {
                figures.addAll(ApiServerScenarios.run(quick, apiScenarios, etcdBinary));
            } catch (Exception e) {
                problems.add("writes/reads/watch: " + e);
                e.printStackTrace(console);
            }
        }
        Set<String> clusterScenarios = new LinkedHashSet<>(wanted);
        clusterScenarios.removeAll(List.of("writes", "watch"));
        if (!clusterScenarios.isEmpty()) {
            clusterScenarios(clusterScenarios, figures, problems);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        console.println();
        console.print(Report.table(figures));
        console.printf(Locale.ROOT, "%d figures in %.0f s%s%n", figures.size(), seconds, quick ? " (--quick)" : "");
        Path file = out.toAbsolutePath();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(Report.json(figures, problems, quick, seconds)), StandardCharsets.UTF_8);
        say("results in %s", file);
        problems.forEach(p -> console.println("problem: " + p));
        return problems.isEmpty() ? 0 : 1;
    }

    private void clusterScenarios(Set<String> wanted, List<Figure> figures, List<String> problems) throws Exception {
        Path checkout = repo != null ? repo : findRepo();
        say("bringing a 2-node cluster up with %s", checkout.resolve("deploy/kube4j"));
        // nodes that exist only as API objects must stay Ready for the whole run
        try (BenchCluster cluster = BenchCluster.up(checkout, 2,
                Map.of("KUBE4J_CONTROLLER_MANAGER_ARGS", "--node-monitor-grace-period=1h"))) {
            ApiClient api = cluster.admin();
            say("cluster up in %.1f s at https://127.0.0.1:%d (home %s)", cluster.upSeconds, cluster.securePort, cluster.home);
            FootprintScenario footprint = new FootprintScenario(cluster);
            if (wanted.contains("footprint")) {
                step("footprint: cold start of each daemon, then idle RSS", problems, () -> {
                    figures.addAll(footprint.coldStarts());
                    waitForNodes(api);
                    figures.addAll(footprint.rss("idle", true));
                });
            }
            if (wanted.contains("startup")) {
                int pods = quick ? 10 : 100;
                step("startup: " + pods + " pods on the process runtime", problems,
                        () -> figures.addAll(StartupScenario.run(api, pods)));
            }
            int schedulePods = quick ? 1_000 : 10_000;
            if (wanted.contains("schedule")) {
                int nodes = quick ? 100 : 1_000;
                step(String.format("schedule: %,d nodes x %,d pods", nodes, schedulePods), problems,
                        () -> figures.addAll(ScheduleScenario.run(cluster, api, nodes, schedulePods, quick ? 300 : 2_000, schedulerQps, schedulerHeap)));
                if (wanted.contains("footprint")) {
                    figures.addAll(footprint.rss(String.format("with %,d pods", schedulePods), false));
                }
            }
            if (wanted.contains("reads")) {
                int big = wanted.contains("schedule") ? schedulePods : 0;
                step("reads: gets and lists from the cluster's watch cache and etcd, against jetcd", problems,
                        () -> figures.addAll(ReadsScenario.run(cluster, api, "bench-schedule", big, quick ? 5 : 30,
                                quick ? 200 : 2_000)));
            }
            if (wanted.contains("proxy")) {
                step("proxy: relay vs direct", problems, () -> figures.addAll(ProxyScenario.run(api, quick ? 1 : 3,
                        quick ? 2_000 : 10_000)));
            }
            if (wanted.contains("density")) {
                int nodes = quick ? 20 : 1_000;
                int pods = quick ? 500 : 30_000;
                step(String.format("density: %,d pods on %,d fake nodes", pods, nodes), problems,
                        () -> figures.addAll(DensityScenario.run(cluster, api, nodes, pods)));
            }
            api.close();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(String what, List<String> problems, Step step) {
        say("%s", what);
        long began = System.nanoTime();
        try {
            step.run();
            say("  done in %.1f s", (System.nanoTime() - began) / 1e9);
        } catch (Exception e) {
            problems.add(what + ": " + e);
            e.printStackTrace(console);
        }
    }

    /** The two real nodes Ready again after their kubelets restarted. */
    private static void waitForNodes(ApiClient api) {
        boolean ready = Probes.until(java.time.Duration.ofSeconds(60), () -> {
            int count = 0;
            for (var node : api.get("/api/v1/nodes").path("items")) {
                for (var c : node.path("status").path("conditions")) {
                    if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                        count++;
                    }
                }
            }
            return count >= 2;
        });
        if (!ready) {
            throw new BenchException("the nodes were not Ready again within 60 s");
        }
    }

    /** deploy/target/kube4j-bench.jar → the checkout; else the working directory or its parent. */
    private static Path findRepo() {
        try {
            Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isExecutable(p.resolve("deploy/kube4j"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("deploy/kube4j"))) {
                return p;
            }
        }
        throw new BenchException("cannot find the kube4j checkout (deploy/kube4j); pass --repo");
    }

    /** The bench's own output is the table: libraries and the in-process apiserver say only warnings. */
    private static void quietLogs() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
        java.util.logging.Logger.getLogger("io.grpc").setLevel(java.util.logging.Level.WARNING);
    }

    private void say(String format, Object... args) {
        console.println("kube4j-bench: " + String.format(Locale.ROOT, format, args));
    }
}
