package io.kube4j.common.client;

import io.kube4j.common.tls.Pem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration of a process running in a pod: the apiserver from the
 * {@code KUBERNETES_SERVICE_HOST}/{@code KUBERNETES_SERVICE_PORT} environment, trusted by the
 * mounted {@code ca.crt}, authenticated by the mounted (rotated, so re-read) service-account
 * token, in the pod's own namespace.
 */
public final class InClusterConfig {

    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private InClusterConfig() {
    }

    /** From this process's environment and the standard mount point. */
    public static ClientConfig load() {
        return load(System.getenv(), SERVICE_ACCOUNT_DIR);
    }

    /**
     * @param env               the environment to read the service host and port from
     * @param serviceAccountDir where {@code token}, {@code ca.crt} and (optionally) {@code namespace} are
     */
    public static ClientConfig load(Map<String, String> env, Path serviceAccountDir) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        String port = env.get("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isEmpty() || port == null || port.isEmpty()) {
            throw new KubeconfigException("not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT"
                    + " must both be set (use --kubeconfig outside a cluster)");
        }
        URI server;
        try {
            // an IPv6 service address needs brackets in a URL
            server = URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + Integer.parseInt(port));
        } catch (IllegalArgumentException e) {
            throw new KubeconfigException("in-cluster config: KUBERNETES_SERVICE_HOST=" + host
                    + " KUBERNETES_SERVICE_PORT=" + port + " do not make a URL");
        }
        Path caFile = serviceAccountDir.resolve("ca.crt");
        byte[] ca = Reading.bytes(caFile, "in-cluster config: CA file");
        ClientConfig config;
        try {
            config = ClientConfig.forServer(server).withCertificateAuthorities(Pem.certificates(ca, caFile.toString()));
        } catch (IOException e) {
            throw new KubeconfigException("in-cluster config: " + e.getMessage(), e);
        }
        Path tokenFile = serviceAccountDir.resolve("token");
        config = config.withToken(FileToken.read(tokenFile, "in-cluster config: token file", System::nanoTime));
        return config.withNamespace(namespace(serviceAccountDir.resolve("namespace")));
    }

    /** The pod's namespace; its absence is not an error, as with client-go. */
    private static String namespace(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
