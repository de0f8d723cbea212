package io.kube4j.certs.kubeconfig;

import java.net.URI;

/**
 * A kubeconfig with one cluster, one user and one context joining them, which is all a component
 * or an administrator of a kube4j cluster needs.
 *
 * @param clusterName name of the cluster entry
 * @param server the apiserver URL
 * @param certificateAuthorityPem the CA the client trusts the server by, PEM
 * @param userName name of the user entry (the Kubernetes user name, for readability)
 * @param credentials how the user authenticates
 */
public record Kubeconfig(
        String clusterName, URI server, String certificateAuthorityPem, String userName, Credentials credentials) {

    /** Context names follow kubeadm's {@code user@cluster}. */
    public String contextName() {
        return userName + "@" + clusterName;
    }
}
