package io.kube4j.deploy.chaos;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.kube4j.certs.pki.Pki;
import io.kube4j.certs.pki.PkiOptions;
import io.kube4j.common.testing.etcd.EtcdProcess;
import java.io.File;
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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The target of the hostile-input and slow-consumer tests: a real etcd ({@code /usr/bin/etcd}), a PKI from
 * kube4j-certs and the packaged {@code kube-apiserver.jar} as a separate OS process with the static token
 * file, the service-account key and an audit log, its stdout in a file the tests can grep.
 * {@link #close()} kills the process and etcd and deletes the files.
 */
final class ApiServerUnderAttack implements AutoCloseable {

    static final String PREFIX = "/registry";
    private static final Duration READY = Duration.ofSeconds(90);

    private final Path dir;
    private final EtcdProcess etcd;
    private final int port;
    private final Process process;
    private final RawHttps probe;

    private ApiServerUnderAttack(Path dir, EtcdProcess etcd, int port, Process process) throws Exception {
        this.dir = dir;
        this.etcd = etcd;
        this.port = port;
        this.process = process;
        this.probe = RawHttps.withCertificate(port, dir.resolve("pki"), "admin");
    }

    /** Starts etcd and the apiserver with {@code extraFlags}; aborts the test where there is no etcd (fails under CI). */
    static ApiServerUnderAttack start(String... extraFlags) throws Exception {
        Path etcdBinary = Path.of("/usr/bin/etcd");
        if (!Files.isExecutable(etcdBinary)) {
            Assumptions.assumeFalse("true".equals(System.getenv("CI")), "CI must have /usr/bin/etcd");
            Assumptions.abort("no /usr/bin/etcd: install etcd-server to run the hostile-input tests");
        }
        Path dir = Files.createTempDirectory("kube4j-hostile-");
        Path pki = dir.resolve("pki");
        new Pki(Clock.systemUTC()).init(PkiOptions.defaults(pki));
        Path jar = Files.copy(jar(), dir.resolve("kube-apiserver.jar"), StandardCopyOption.REPLACE_EXISTING);
        EtcdProcess etcd = EtcdProcess.start(etcdBinary);
        Process process = null;
        try {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx512m", "-jar", jar.toString(),
                    "--secure-port", Integer.toString(port), "--bind-address", "127.0.0.1",
                    "--etcd-servers", etcd.endpoint(), "--etcd-prefix", PREFIX, "--etcd-compaction-interval", "0",
                    "--tls-cert-file", pki.resolve("apiserver.crt").toString(),
                    "--tls-private-key-file", pki.resolve("apiserver.key").toString(),
                    "--client-ca-file", pki.resolve("ca.crt").toString(),
                    "--token-auth-file", pki.resolve("tokens.csv").toString(),
                    "--service-account-key-file", pki.resolve("sa.pub").toString(),
                    "--audit-log-path", dir.resolve("audit.log").toString()));
            command.addAll(List.of(extraFlags));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("apiserver.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            ApiServerUnderAttack server = new ApiServerUnderAttack(dir, etcd, port, process);
            server.awaitReady();
            return server;
        } catch (Exception | Error e) {
            if (process != null) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            etcd.close();
            throw e;
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the apiserver exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the apiserver was not ready within " + READY.toSeconds() + " s:\n" + logTail());
            }
            Thread.sleep(100);
        }
    }

    /** {@code /readyz} answers 200 on a fresh connection. */
    boolean ready() {
        try (RawHttps.Connection c = probe.open()) {
            return c.send(RawHttps.request("GET", "/readyz").build()).code() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    int port() {
        return port;
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + port);
    }

    Path pki() {
        return dir.resolve("pki");
    }

    /** A raw HTTPS client authenticated by the {@code identity} certificate of the PKI ({@code admin}, ...). */
    RawHttps client(String identity) throws Exception {
        return RawHttps.withCertificate(port, pki(), identity);
    }

    /** A raw HTTPS client presenting no certificate (bearer tokens or nothing). */
    RawHttps anonymousClient() throws Exception {
        return RawHttps.withCertificate(port, pki(), null);
    }

    /** The first token of the static token file (admin's). */
    String adminToken() throws IOException {
        String line = Files.readAllLines(pki().resolve("tokens.csv"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(",admin,")).findFirst().orElseThrow();
        return line.substring(0, line.indexOf(','));
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("apiserver.log"), StandardCharsets.ISO_8859_1);
    }

    String auditLog() throws IOException {
        Path audit = dir.resolve("audit.log");
        return Files.exists(audit) ? Files.readString(audit, StandardCharsets.ISO_8859_1) : "";
    }

    String logTail() {
        try {
            List<String> lines = log().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Every key under the apiserver's prefix, straight from etcd. */
    List<String> etcdKeys() throws Exception {
        return etcdValues().stream().map(kv -> kv.getKey().toString(StandardCharsets.UTF_8)).toList();
    }

    /** Every key-value under the apiserver's prefix, straight from etcd. */
    List<KeyValue> etcdValues() throws Exception {
        // after a long fuzz run the prefix holds more than gRPC's default 4 MiB answer
        try (Client client = Client.builder().endpoints(etcd.endpoint()).maxInboundMessageSize(Integer.MAX_VALUE).build()) {
            ByteSequence prefix = ByteSequence.from(PREFIX + "/", StandardCharsets.UTF_8);
            return client.getKVClient().get(prefix, GetOption.builder().isPrefix(true).build())
                    .get(30, TimeUnit.SECONDS).getKvs();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        etcd.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private static Path jar() {
        Path built = Path.of(System.getProperty("kube4j.repo", "..")).toAbsolutePath().normalize()
                .resolve("apiserver/target/kube-apiserver.jar");
        if (!Files.isRegularFile(built)) {
            throw new UncheckedIOException(new IOException(built + " is missing: run ./mvnw install -DskipTests first"));
        }
        return built;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
