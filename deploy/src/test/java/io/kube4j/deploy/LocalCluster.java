package io.kube4j.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cluster started exactly as a user starts one: through {@code deploy/kube4j up}, every component a
 * separate OS process, in a private home directory on free ports, so it never meets a developer's own
 * laptop cluster. {@link #close()} runs {@code down --purge}.
 */
public final class LocalCluster implements AutoCloseable {

    public final Path repo;
    public final Path home;
    public final int securePort;
    private final Map<String, String> env = new HashMap<>();

    private LocalCluster(Path repo, Path home, int securePort) {
        this.repo = repo;
        this.home = home;
        this.securePort = securePort;
    }

    public static Path repo() {
        return Path.of(System.getProperty("kube4j.repo", "..")).toAbsolutePath().normalize();
    }

    /** Starts {@code nodes} nodes; {@code extraEnv} passes flags such as KUBE4J_CONTROLLER_MANAGER_ARGS. */
    public static LocalCluster up(int nodes, boolean standby, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("kube4j-e2e-");
        LocalCluster cluster = new LocalCluster(repo(), home, freePort());
        cluster.env.put("KUBE4J_HOME", home.toString());
        cluster.env.put("KUBE4J_SECURE_PORT", Integer.toString(cluster.securePort));
        cluster.env.put("KUBE4J_ETCD_PORT", Integer.toString(freePortPair()));
        cluster.env.put("KUBE4J_KUBELET_PORT", Integer.toString(freePort()));
        cluster.env.put("KUBE4J_PROXY_HEALTHZ_PORT", Integer.toString(freePort()));
        cluster.env.put("KUBE4J_PROXY_METRICS_PORT", Integer.toString(freePort()));
        cluster.env.put("KUBE4J_NO_BUILD", "1");
        cluster.env.put("KUBE4J_JARS", cluster.copyJars().toString());
        cluster.env.putAll(extraEnv);
        List<String> args = new ArrayList<>(List.of("up", "--nodes", Integer.toString(nodes)));
        if (standby) {
            args.add("--standby");
        }
        long started = System.nanoTime();
        Result result = cluster.script(Duration.ofMinutes(3), args.toArray(String[]::new));
        if (result.exit() != 0) {
            String logs = cluster.logs();
            cluster.close();
            throw new IllegalStateException("kube4j up failed (" + result.exit() + "):\n" + result.out() + result.err() + logs);
        }
        System.out.printf("e2e: kube4j up with %d node(s) in %d ms%n%s", nodes,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), result.out());
        return cluster;
    }

    /**
     * Copies the packaged daemons aside, so a build running while the cluster is up cannot change a
     * jar under a running JVM.
     */
    private Path copyJars() throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Map<String, String> modules = Map.of("certs", "kube4j-certs", "apiserver", "kube-apiserver",
                "scheduler", "kube-scheduler", "controller-manager", "kube-controller-manager", "kubelet", "kubelet",
                "kube-proxy", "kube-proxy");
        for (Map.Entry<String, String> m : modules.entrySet()) {
            Path jar = repo.resolve(m.getKey() + "/target/" + m.getValue() + ".jar");
            if (Files.exists(jar)) {
                Files.copy(jar, jars.resolve(m.getValue() + ".jar"));
            }
        }
        return jars;
    }

    public Path kubeconfig() {
        return home.resolve("admin.kubeconfig");
    }

    public Result script(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("deploy/kube4j").toString());
        command.addAll(List.of(args));
        return Processes.run(command, env, timeout);
    }

    public long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("run/" + component + ".pid")).trim());
    }

    /** SIGKILL, as a crash would: the component gets no chance to clean up. */
    public void kill9(String component) throws IOException, InterruptedException {
        long pid = pid(component);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    public String log(String component) {
        try {
            return Files.readString(home.resolve("logs/" + component + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of every component's log, for failure messages. */
    public String logs() {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(home.resolve("logs"))) {
            for (Path file : files.sorted().filter(f -> !f.endsWith("audit.log")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                all.append("\n===== ").append(file.getFileName()).append(" (last 40 lines) =====\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> all.append(l).append('\n'));
            }
        } catch (IOException e) {
            all.append("\n(no logs: ").append(e.getMessage()).append(")\n");
        }
        return all.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result down = script(Duration.ofMinutes(1), "down", "--purge");
        if (down.exit() != 0) {
            System.out.println("e2e: kube4j down failed: " + down.out() + down.err());
        }
    }

    public static int freePort() throws IOException {
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

    public record Result(int exit, String out, String err) {
    }
}
