package io.kube4j.common.testing.etcd;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** etcd in a Testcontainers container, configured through etcd's environment variables. */
final class EtcdContainer implements AutoCloseable {

    static final String DEFAULT_IMAGE = "quay.io/coreos/etcd:v3.5.17";
    private static final int CLIENT_PORT = 2379;

    private final GenericContainer<?> container;
    private final String image;

    private EtcdContainer(GenericContainer<?> container, String image) {
        this.container = container;
        this.image = image;
    }

    /** Starts a container when Docker answers, else notes why not in {@code tried} and returns null. */
    static EtcdContainer startIfDockerAvailable(StringBuilder tried) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) {
            tried.append("no Docker daemon; ");
            return null;
        }
        String image = System.getenv().getOrDefault("KUBE4J_ETCD_IMAGE", DEFAULT_IMAGE);
        if (!isLocal(image) && EtcdProcess.findOnPath("etcd") != null) {
            // pulling needs a registry (none on offline machines, where Testcontainers retries for
            // minutes): use the local etcd binary instead of an image that would have to be pulled
            tried.append("image ").append(image).append(" not present locally; ");
            return null;
        }
        // Both the official image (CMD etcd) and the locally built one (ENTRYPOINT etcd) read ETCD_* env vars,
        // so no command line is needed; the local image has no shell, so wait on /health over HTTP.
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withEnv("ETCD_NAME", "kube4j-test")
                .withEnv("ETCD_DATA_DIR", "/tmp/etcd-data")
                .withEnv("ETCD_LISTEN_CLIENT_URLS", "http://0.0.0.0:" + CLIENT_PORT)
                .withEnv("ETCD_ADVERTISE_CLIENT_URLS", "http://127.0.0.1:" + CLIENT_PORT)
                .withEnv("ETCD_LISTEN_PEER_URLS", "http://127.0.0.1:2380")
                .withEnv("ETCD_INITIAL_ADVERTISE_PEER_URLS", "http://127.0.0.1:2380")
                .withEnv("ETCD_INITIAL_CLUSTER", "kube4j-test=http://127.0.0.1:2380")
                .withExposedPorts(CLIENT_PORT)
                .waitingFor(Wait.forHttp("/health").forPort(CLIENT_PORT).withStartupTimeout(Duration.ofSeconds(60)));
        container.start();
        return new EtcdContainer(container, image);
    }

    private static boolean isLocal(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    String endpoint() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(CLIENT_PORT);
    }

    String description() {
        return "container " + image;
    }

    @Override
    public void close() {
        container.stop();
    }
}
