package io.kube4j.certs.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate together with the private key of its subject. */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {

    public CertifiedKey {
        if (certificate == null || privateKey == null) {
            throw new IllegalArgumentException("certificate and private key are both required");
        }
    }
}
