package io.kube4j.deploy.chaos;

import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.certs.pki.Pki;
import io.kube4j.certs.pki.PkiOptions;
import io.kube4j.common.testing.etcd.EtcdProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged kube-apiserver ({@code apiserver/target/kube-apiserver.jar}) as a separate OS process on a
 * fixed loopback port, so a fault test can SIGKILL it and start it again where clients expect it. Output
 * goes to one log file across restarts. {@link #close()} kills it.
 */
final class ApiServerProcess implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(90);
    private static Path jar;

    private final Path pki;
    private final List<String> args;
    private final int port;
    private final Path log;
    private final TestClient probe;
    private Process process;

    private ApiServerProcess(Path pki, List<String> args, int port, Path log) throws Exception {
        this.pki = pki;
        this.args = args;
        this.port = port;
        this.log = log;
        this.probe = TestClient.withCertificate(url(), pki, "admin").http1();
    }

    /** A fresh PKI (CA, serving and client certificates) from kube4j-certs, shared by every apiserver of a test. */
    static Path newPki() throws IOException {
        Path dir = Files.createTempDirectory("kube4j-chaos-pki-");
        new Pki(Clock.systemUTC()).init(PkiOptions.defaults(dir));
        return dir;
    }

    /** A single-member etcd from the host's {@code etcd} binary (plain HTTP on loopback), in a temp dir. */
    static EtcdProcess startEtcd() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path binary = Path.of(dir, "etcd");
            if (Files.isExecutable(binary)) {
                return EtcdProcess.start(binary);
            }
        }
        throw new IllegalStateException("no etcd binary on the PATH: install etcd-server");
    }

    /** Starts an apiserver on {@code etcd} (plain HTTP endpoint) and waits until {@code /readyz} answers 200. */
    static ApiServerProcess start(Path pki, String etcd, String... extraArgs) throws Exception {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("--secure-port", Integer.toString(port), "--bind-address", "127.0.0.1",
                "--etcd-servers", etcd, "--etcd-compaction-interval", "0",
                "--tls-cert-file", pki.resolve("apiserver.crt").toString(),
                "--tls-private-key-file", pki.resolve("apiserver.key").toString(),
                "--client-ca-file", pki.resolve("ca.crt").toString()));
        args.addAll(List.of(extraArgs));
        ApiServerProcess server = new ApiServerProcess(pki, args, port, Files.createTempFile("kube4j-chaos-apiserver-", ".log"));
        server.restart();
        return server;
    }

    /** Starts the process (again, after {@link #kill9()}) and returns how long it took to become ready. */
    Duration restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the apiserver on port " + port + " is still running");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC", "-Xmx384m", "-jar", jar().toString()));
        command.addAll(args);
        long started = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitReady();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL, as a crash would: no shutdown hook, no graceful close of connections or etcd watches. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("apiserver pid " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the apiserver exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the apiserver was not ready within " + READY.toSeconds() + " s:\n" + logTail());
            }
            Thread.sleep(50);
        }
    }

    boolean ready() {
        try {
            return probe.get("/readyz").code() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + port);
    }

    /** A client authenticated as admin (system:masters) by certificate, over HTTP/1.1. */
    TestClient admin() throws Exception {
        return TestClient.withCertificate(url(), pki, "admin").http1();
    }

    long pid() {
        return process.pid();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    /**
     * The apiserver jar, copied aside once per test JVM so that a build running meanwhile cannot replace the
     * jar under a running (or restarting) apiserver.
     */
    private static synchronized Path jar() {
        if (jar == null) {
            Path built = Path.of(System.getProperty("kube4j.repo", "..")).toAbsolutePath().normalize()
                    .resolve("apiserver/target/kube-apiserver.jar");
            if (!Files.isRegularFile(built)) {
                throw new IllegalStateException(built + " is missing: run ./mvnw install -DskipTests first");
            }
            try {
                Path dir = Files.createTempDirectory("kube4j-chaos-jar-");
                jar = Files.copy(built, dir.resolve("kube-apiserver.jar"), StandardCopyOption.REPLACE_EXISTING);
                dir.toFile().deleteOnExit();
                jar.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jar;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
