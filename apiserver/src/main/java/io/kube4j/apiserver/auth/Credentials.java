package io.kube4j.apiserver.auth;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a request presented: the verified client certificate chain (empty when none) and the
 * bearer token ("" when none).
 */
public record Credentials(List<X509Certificate> certificates, String bearerToken) {

    public Credentials {
        certificates = List.copyOf(certificates);
    }
}
