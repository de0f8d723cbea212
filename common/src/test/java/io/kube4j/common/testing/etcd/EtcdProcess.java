package io.kube4j.common.testing.etcd;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** An {@code etcd} binary from the PATH, on free loopback ports, with its data in a temp dir. */
public final class EtcdProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final Path dataDir;
    private final int clientPort;

    private EtcdProcess(Process process, Path dataDir, int clientPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.clientPort = clientPort;
    }

    static EtcdProcess startIfOnPath(StringBuilder tried) {
        Path binary = findOnPath("etcd");
        if (binary == null) {
            tried.append("no etcd on the PATH; ");
            return null;
        }
        return start(binary);
    }

    /** Starts the given etcd binary on free loopback ports and waits until it reports healthy. */
    public static EtcdProcess start(Path binary) {
        try {
            Path dir = Files.createTempDirectory("kube4j-etcd-");
            int client = freePort();
            int peer = freePort();
            String clientUrl = "http://127.0.0.1:" + client;
            String peerUrl = "http://127.0.0.1:" + peer;
            Process process = new ProcessBuilder(List.of(binary.toString(),
                    "--name", "kube4j-test",
                    "--data-dir", dir.resolve("data").toString(),
                    "--listen-client-urls", clientUrl,
                    "--advertise-client-urls", clientUrl,
                    "--listen-peer-urls", peerUrl,
                    "--initial-advertise-peer-urls", peerUrl,
                    "--initial-cluster", "kube4j-test=" + peerUrl))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("etcd.log").toFile())
                    .start();
            EtcdProcess etcd = new EtcdProcess(process, dir, client);
            etcd.awaitHealthy();
            return etcd;
        } catch (IOException e) {
            throw new UncheckedIOException("etcd binary " + binary + " did not start", e);
        }
    }

    /** Freezes etcd (SIGSTOP): it keeps its port but answers nothing, like a hung or partitioned member. */
    public void suspend() {
        signal("STOP");
    }

    /** Thaws a suspended etcd (SIGCONT). */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    String description() {
        return "etcd process pid " + process.pid();
    }

    private void awaitHealthy() throws IOException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("etcd exited with " + process.exitValue() + "; log: "
                        + Files.readString(dataDir.resolve("etcd.log")));
            }
            if (healthy()) {
                return;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for etcd", e);
            }
        }
        close();
        throw new IOException("etcd not healthy within " + STARTUP);
    }

    private boolean healthy() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/health").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    static Path findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
