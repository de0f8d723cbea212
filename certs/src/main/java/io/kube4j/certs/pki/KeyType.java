package io.kube4j.certs.pki;

/** The public-key algorithm of a generated key pair. */
public enum KeyType {
    /** ECDSA on NIST P-256: small, fast and accepted by every Kubernetes client. */
    EC,
    /** RSA, for peers that cannot do ECDSA. */
    RSA
}
