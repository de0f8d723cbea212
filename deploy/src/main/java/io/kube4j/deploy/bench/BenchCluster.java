package io.kube4j.deploy.bench;

import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.Kubeconfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A cluster brought up as a user brings one up, through {@code deploy/kube4j up}, in a private home on
 * free ports; every daemon a separate JVM. Daemons the bench restarts itself are recorded in the
 * launcher's pid files too, so {@link #close()} ({@code down --purge}) ends them whatever happened.
 */
final class BenchCluster implements AutoCloseable {

    private static final Map<String, String> JARS = Map.of("certs", "kube4j-certs", "apiserver", "kube-apiserver",
            "scheduler", "kube-scheduler", "controller-manager", "kube-controller-manager", "kubelet", "kubelet",
            "kube-proxy", "kube-proxy");

    final Path repo;
    final Path home;
    final int securePort;
    final int kubeletPort;
    final int proxyHealthzPort;
    final int etcdPort;
    final double upSeconds;
    private final Map<String, String> env;
    private final List<Process> started = new ArrayList<>();

    private BenchCluster(Path repo, Path home, int securePort, int kubeletPort, int proxyHealthzPort, int etcdPort,
                         Map<String, String> env, double upSeconds) {
        this.repo = repo;
        this.home = home;
        this.securePort = securePort;
        this.kubeletPort = kubeletPort;
        this.proxyHealthzPort = proxyHealthzPort;
        this.etcdPort = etcdPort;
        this.env = env;
        this.upSeconds = upSeconds;
    }

    /** {@code kube4j up --nodes N}; {@code extraEnv} passes daemon flags (KUBE4J_CONTROLLER_MANAGER_ARGS …). */
    static BenchCluster up(Path repo, int nodes, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("kube4j-bench-");
        Map<String, String> env = new HashMap<>();
        int securePort = freePort();
        int kubeletPort = freePort();
        int proxyHealthz = freePort();
        env.put("KUBE4J_HOME", home.toString());
        env.put("KUBE4J_SECURE_PORT", Integer.toString(securePort));
        int etcdPort = freePortPair();
        env.put("KUBE4J_ETCD_PORT", Integer.toString(etcdPort));
        env.put("KUBE4J_KUBELET_PORT", Integer.toString(kubeletPort));
        env.put("KUBE4J_PROXY_HEALTHZ_PORT", Integer.toString(proxyHealthz));
        env.put("KUBE4J_PROXY_METRICS_PORT", Integer.toString(freePort()));
        env.put("KUBE4J_NO_BUILD", "1");
        env.put("KUBE4J_JARS", copyJars(repo, home).toString());
        env.putAll(extraEnv);
        long began = System.nanoTime();
        String[] result = script(repo, env, Duration.ofMinutes(3), "up", "--nodes", Integer.toString(nodes));
        BenchCluster cluster = new BenchCluster(repo, home, securePort, kubeletPort, proxyHealthz, etcdPort, env,
                (System.nanoTime() - began) / 1e9);
        if (!result[0].equals("0")) {
            String logs = cluster.logTails();
            cluster.close();
            throw new BenchException("kube4j up failed (exit " + result[0] + "):\n" + result[1] + result[2] + logs);
        }
        return cluster;
    }

    /** A copy of the packaged daemons, so a build running meanwhile cannot change a jar under a JVM. */
    private static Path copyJars(Path repo, Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (Map.Entry<String, String> m : JARS.entrySet()) {
            Path jar = repo.resolve(m.getKey() + "/target/" + m.getValue() + ".jar");
            if (!Files.exists(jar)) {
                throw new BenchException(jar + " is missing: build with ./mvnw package -DskipTests");
            }
            Files.copy(jar, jars.resolve(m.getValue() + ".jar"));
        }
        return jars;
    }

    Path pki() {
        return home.resolve("pki");
    }

    Path jar(String name) {
        return home.resolve("jars").resolve(name + ".jar");
    }

    /** A client as the cluster admin, not rate limited: the bench is the load. */
    ApiClient admin() {
        return ApiClient.create(Kubeconfig.load(pki().resolve("admin.kubeconfig"), null)
                .withRateLimit(1_000_000, 1_000_000).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
    }

    long pid(String component) {
        try {
            return Long.parseLong(Files.readString(home.resolve("run/" + component + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line a running component was started with. */
    List<String> commandLine(String component) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid(component)), "cmdline"));
        List<String> args = new ArrayList<>(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
        args.removeIf(String::isEmpty);
        return args;
    }

    /** Stops a component the launcher started (SIGTERM, then SIGKILL after 10 s). */
    void stop(String component) {
        ProcessHandle.of(pid(component)).ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
                p.onExit().join();
            }
        });
    }

    /**
     * Starts {@code component} again from {@code command} (in this JVM's process tree), logging to
     * its log and recording its pid where the launcher looks.
     */
    Process start(String component, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs/" + component + ".log").toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        synchronized (started) {
            started.add(process);
        }
        Files.writeString(home.resolve("run/" + component + ".pid"), process.pid() + "\n");
        return process;
    }

    /** Stops a component and starts it again with its command line edited by {@code edit}. */
    Process restart(String component, UnaryOperator<List<String>> edit) throws IOException {
        List<String> command = edit.apply(commandLine(component));
        stop(component);
        return start(component, command);
    }

    /** Replaces the value following {@code flag} (or appends both). */
    static List<String> withFlag(List<String> command, String flag, String value) {
        List<String> edited = new ArrayList<>(command);
        int at = edited.indexOf(flag);
        if (at >= 0 && at + 1 < edited.size()) {
            edited.set(at + 1, value);
        } else {
            edited.add(flag);
            edited.add(value);
        }
        return edited;
    }

    String logTails() {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(home.resolve("logs"))) {
            for (Path file : files.sorted().filter(f -> !f.endsWith("audit.log")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                all.append("\n===== ").append(file.getFileName()).append(" (last 20 lines) =====\n");
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> all.append(l).append('\n'));
            }
        } catch (IOException | UncheckedIOException e) {
            all.append("\n(no logs: ").append(e.getMessage()).append(")\n");
        }
        return all.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        List<Process> own;
        synchronized (started) {
            own = List.copyOf(started);
        }
        for (Process p : own) {
            p.destroy();
        }
        for (Process p : own) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        script(repo, env, Duration.ofMinutes(1), "down", "--purge");
    }

    /** Runs deploy/kube4j; answers exit code, stdout, stderr. */
    private static String[] script(Path repo, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("deploy/kube4j").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new BenchException(String.join(" ", command) + " did not finish within " + timeout);
        }
        return new String[] {Integer.toString(process.exitValue()), out.join(), err.join()};
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port p with p+1 also free (etcd takes its peer port next to the client port). */
    private static int freePortPair() throws IOException {
        for (int i = 0; i < 50; i++) {
            int p = freePort();
            try (ServerSocket next = new ServerSocket(p + 1)) {
                return p;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two adjacent free ports");
    }
}
