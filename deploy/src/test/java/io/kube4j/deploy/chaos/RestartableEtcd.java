package io.kube4j.deploy.chaos;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-member etcd of the host's binary on fixed loopback ports (plain HTTP) that a fault test can freeze
 * (SIGSTOP), thaw, SIGKILL and start again over the same data directory, where clients expect it.
 */
final class RestartableEtcd implements AutoCloseable {

    private final Path binary;
    private final Path dir;
    private final int clientPort;
    private final int peerPort;
    private Process process;

    private RestartableEtcd(Path binary, Path dir, int clientPort, int peerPort) {
        this.binary = binary;
        this.dir = dir;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
    }

    static RestartableEtcd start() throws IOException, InterruptedException {
        Path binary = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(d -> Path.of(d, "etcd")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("no etcd binary on the PATH: install etcd-server"));
        RestartableEtcd etcd = new RestartableEtcd(binary, Files.createTempDirectory("kube4j-chaos-etcd-"),
                ApiServerProcess.freePort(), ApiServerProcess.freePort());
        etcd.restart();
        return etcd;
    }

    String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** Starts the member (again, after {@link #kill9()}) over its data directory and waits until it is healthy. */
    void restart() throws IOException, InterruptedException {
        String client = endpoint();
        String peer = "http://127.0.0.1:" + peerPort;
        process = new ProcessBuilder(List.of(binary.toString(), "--name", "chaos", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "chaos=" + peer))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!healthy()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("etcd did not become healthy: " + Files.readString(dir.resolve("etcd.log")));
            }
            Thread.sleep(50);
        }
    }

    /** SIGKILL, as a crash: the port is closed at once, clients get connection refused until {@link #restart()}. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the port stays open but nothing answers, like a hung machine. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
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
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
