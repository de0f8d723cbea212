package io.kube4j.deploy.chaos;

import io.kube4j.deploy.LocalCluster;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A three-member etcd cluster of host {@code etcd} processes on loopback ports (plain HTTP: the
 * fault under test is a lost member, not TLS). A member can be killed (SIGKILL, as a crash) and
 * started again over its data directory, where it rejoins the cluster it left.
 */
final class EtcdMembers implements AutoCloseable {

    private static final int SIZE = 3;

    private final Path binary;
    private final Path dir;
    private final Path logs;
    private final int[] clientPorts = new int[SIZE];
    private final int[] peerPorts = new int[SIZE];
    private final Process[] processes = new Process[SIZE];

    private EtcdMembers(Path binary, Path dir, Path logs) {
        this.binary = binary;
        this.dir = dir;
        this.logs = logs;
    }

    /** The etcd on the PATH or in /usr/bin, or null when there is none. */
    static Path binary() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "etcd"))) {
                return Path.of(d, "etcd");
            }
        }
        return Files.isExecutable(Path.of("/usr/bin/etcd")) ? Path.of("/usr/bin/etcd") : null;
    }

    /** Starts the three members (their logs in {@code logs}, kept after close) and waits until each reports healthy (which needs a quorum and a leader). */
    static EtcdMembers start(Path binary, Path logs) throws IOException, InterruptedException {
        EtcdMembers members = new EtcdMembers(binary, Files.createTempDirectory("kube4j-etcd3-"),
                Files.createDirectories(logs));
        try {
            for (int i = 0; i < SIZE; i++) {
                members.clientPorts[i] = LocalCluster.freePort();
                members.peerPorts[i] = LocalCluster.freePort();
            }
            for (int i = 0; i < SIZE; i++) {
                members.startMember(i);
            }
            for (int i = 0; i < SIZE; i++) {
                members.awaitHealthy(i, Duration.ofSeconds(60));
            }
            return members;
        } catch (IOException | InterruptedException | RuntimeException e) {
            members.close();
            throw e;
        }
    }

    private String name(int i) {
        return "m" + i;
    }

    private String peerUrl(int i) {
        return "http://127.0.0.1:" + peerPorts[i];
    }

    String clientUrl(int i) {
        return "http://127.0.0.1:" + clientPorts[i];
    }

    /** The client URLs of all members, comma separated, for {@code --etcd-servers}. */
    String endpoints() {
        StringJoiner all = new StringJoiner(",");
        for (int i = 0; i < SIZE; i++) {
            all.add(clientUrl(i));
        }
        return all.toString();
    }

    /** Starts member {@code i}; over an existing data directory it rejoins (the initial-cluster flags are then ignored). */
    void startMember(int i) throws IOException {
        StringJoiner cluster = new StringJoiner(",");
        for (int m = 0; m < SIZE; m++) {
            cluster.add(name(m) + "=" + peerUrl(m));
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--name", name(i),
                "--data-dir", dir.resolve(name(i)).toString(),
                "--listen-client-urls", clientUrl(i), "--advertise-client-urls", clientUrl(i),
                "--listen-peer-urls", peerUrl(i), "--initial-advertise-peer-urls", peerUrl(i),
                "--initial-cluster", cluster.toString(), "--initial-cluster-state", "new",
                "--initial-cluster-token", "kube4j-chaos"));
        processes[i] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("etcd-" + name(i) + ".log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** SIGKILL: the member gets no chance to step down or flush. */
    void kill(int i) throws InterruptedException {
        Process p = processes[i];
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    boolean alive(int i) {
        return processes[i] != null && processes[i].isAlive();
    }

    void awaitHealthy(int i, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!"200".equals(get(i, "/health").split(" ", 2)[0])) {
            if (!processes[i].isAlive()) {
                throw new IOException("etcd member " + name(i) + " exited: " + log(i));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("etcd member " + name(i) + " not healthy within " + within + ": " + log(i));
            }
            Thread.sleep(100);
        }
    }

    /** The index of the member that is the raft leader now, if a live member says it is. */
    OptionalInt leader() {
        for (int i = 0; i < SIZE; i++) {
            if (alive(i) && get(i, "/metrics").contains("\netcd_server_is_leader 1")) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** "code body", or "0 error" when the member does not answer. */
    private String get(int i, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(clientUrl(i) + path).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try {
                int code = c.getResponseCode();
                byte[] body = code == 200 ? c.getInputStream().readAllBytes() : new byte[0];
                return code + " " + new String(body, StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return "0 " + e;
        }
    }

    String log(int i) {
        try {
            List<String> lines = Files.readAllLines(logs.resolve("etcd-" + name(i) + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < SIZE; i++) {
            try {
                kill(i);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
