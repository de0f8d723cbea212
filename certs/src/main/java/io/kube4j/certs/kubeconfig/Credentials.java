package io.kube4j.certs.kubeconfig;

/** How a kubeconfig user authenticates to the apiserver. */
public sealed interface Credentials {

    /** A client certificate and its key, both PEM, embedded as {@code client-*-data}. */
    record ClientCertificate(String certificatePem, String privateKeyPem) implements Credentials {
    }

    /** A bearer token from the apiserver's static token file. */
    record BearerToken(String token) implements Credentials {
    }
}
