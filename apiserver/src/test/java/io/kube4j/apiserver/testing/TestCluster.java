package io.kube4j.apiserver.testing;

import io.kube4j.apiserver.server.ApiServer;
import io.kube4j.apiserver.server.ApiServerConfig;
import io.kube4j.certs.pki.Pki;
import io.kube4j.certs.pki.PkiOptions;
import io.kube4j.common.testing.etcd.Etcd;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A real kube-apiserver in this JVM on a free loopback port, with a fresh PKI from kube4j-certs
 * and the test class's etcd (under its own key prefix). Close it to stop the server.
 */
public final class TestCluster implements AutoCloseable {

    private final Etcd etcd;
    private final Path pki;
    private ApiServerConfig config;
    private ApiServer server;

    private TestCluster(Etcd etcd, Path pki, ApiServerConfig config) {
        this.etcd = etcd;
        this.pki = pki;
        this.config = config;
    }

    public static TestCluster start(Etcd etcd) throws Exception {
        return start(etcd, Duration.ZERO, 10_000);
    }

    public static TestCluster start(Etcd etcd, Duration compaction, int watchCacheSize) throws Exception {
        return start(etcd, config -> config.withCompactionInterval(compaction).withWatchCacheSize(watchCacheSize));
    }

    /**
     * Starts with the default test config changed by {@code customize} (security settings, limits…).
     * The PKI exists before {@code customize} runs: {@link #pkiOf(ApiServerConfig)} finds its directory.
     */
    public static TestCluster start(Etcd etcd, java.util.function.UnaryOperator<ApiServerConfig> customize) throws Exception {
        Path pki = Files.createTempDirectory("kube4j-pki-");
        new Pki(Clock.systemUTC()).init(PkiOptions.defaults(pki).withNodes(List.of("n1", "n2")));
        ApiServerConfig config = customize.apply(ApiServerConfig.of("127.0.0.1", 0, etcd.endpoints(), etcd.prefix() + "/registry",
                pki.resolve("apiserver.crt"), pki.resolve("apiserver.key"), pki.resolve("ca.crt"), pki.resolve("tokens.csv"))
                .withCompactionInterval(Duration.ZERO));
        TestCluster cluster = new TestCluster(etcd, pki, config);
        cluster.server = new ApiServer(config, Clock.systemUTC()).start();
        return cluster;
    }

    /** The PKI directory of a config made by {@link #start(Etcd, java.util.function.UnaryOperator)}. */
    public static Path pkiOf(ApiServerConfig config) {
        return config.tlsCertFile().getParent();
    }

    /** Stops the apiserver and starts a new one on the same etcd, PKI and port. */
    public void restart() throws Exception {
        stop();
        startAgain();
    }

    /** Stops the apiserver; {@link #startAgain()} brings a new one up on the same port. */
    public void stop() {
        config = config.withSecurePort(server.port());
        server.close();
    }

    public void startAgain() throws Exception {
        server = new ApiServer(config, Clock.systemUTC()).start();
    }

    /** A client of this library's own (io.kube4j.common.client) authenticated as {@code identity}. */
    public io.kube4j.common.client.ClientConfig clientConfig(String identity) throws Exception {
        return io.kube4j.common.client.ClientConfig.forServer(url())
                .withCertificateAuthorities(io.kube4j.common.tls.Pem.certificates(pki.resolve("ca.crt")))
                .withClientCertificate(io.kube4j.common.tls.Pem.certificates(pki.resolve(identity + ".crt")),
                        io.kube4j.common.tls.Pem.privateKey(pki.resolve(identity + ".key")));
    }

    public URI url() {
        return server.url();
    }

    public Path pki() {
        return pki;
    }

    public Etcd etcd() {
        return etcd;
    }

    public String etcdPrefix() {
        return config.etcdPrefix();
    }

    /** A client authenticated as {@code identity} (admin, kube-scheduler, kubelet-n1, …) by client certificate. */
    public TestClient client(String identity) throws Exception {
        return TestClient.withCertificate(url(), pki, identity);
    }

    public TestClient admin() throws Exception {
        return client("admin");
    }

    /** A client sending no credentials at all. */
    public TestClient anonymous() throws Exception {
        return TestClient.anonymous(url(), pki);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
