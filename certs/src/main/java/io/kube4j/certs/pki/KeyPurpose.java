package io.kube4j.certs.pki;

/** What a leaf certificate may be used for in TLS (its extendedKeyUsage). */
public enum KeyPurpose {
    /** Presented by a server: apiserver, etcd, kubelet. */
    SERVER_AUTH,
    /** Presented by a client: users, components, the apiserver towards etcd and kubelets. */
    CLIENT_AUTH
}
