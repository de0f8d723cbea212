package io.kube4j.certs.pki;

import java.nio.file.Path;

/**
 * Where each file of a PKI directory lives. A pair named {@code n} is {@code n.crt} and
 * {@code n.key}; a client identity also has {@code n.kubeconfig}.
 */
public record PkiLayout(Path dir) {

    public static final String CA = "ca";
    public static final String APISERVER = "apiserver";
    public static final String APISERVER_KUBELET_CLIENT = "apiserver-kubelet-client";
    public static final String APISERVER_ETCD_CLIENT = "apiserver-etcd-client";
    public static final String ETCD_SERVER = "etcd-server";

    public PkiLayout {
        if (dir == null) {
            throw new IllegalArgumentException("a PKI directory is required");
        }
    }

    /** The pair a kubelet serves its HTTPS port (logs, exec) with. */
    public static String kubeletServing(String node) {
        return "kubelet-" + node + "-server";
    }

    public Path certificate(String name) {
        return dir.resolve(name + ".crt");
    }

    public Path privateKey(String name) {
        return dir.resolve(name + ".key");
    }

    public Path kubeconfig(String name) {
        return dir.resolve(name + ".kubeconfig");
    }

    public Path caCertificate() {
        return certificate(CA);
    }

    public Path caKey() {
        return privateKey(CA);
    }

    /** Signs service-account tokens (controller-manager {@code --service-account-private-key-file}). */
    public Path serviceAccountPrivateKey() {
        return dir.resolve("sa.key");
    }

    /** Verifies service-account tokens (apiserver {@code --service-account-key-file}). */
    public Path serviceAccountPublicKey() {
        return dir.resolve("sa.pub");
    }

    /** The static token file (apiserver {@code --token-auth-file}). */
    public Path tokenFile() {
        return dir.resolve("tokens.csv");
    }

    /** A kubeconfig that authenticates as admin with a bearer token instead of a certificate. */
    public Path adminTokenKubeconfig() {
        return kubeconfig("admin-token");
    }
}
