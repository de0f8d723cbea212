package io.kube4j.common.client;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts every server, which is what {@code insecure-skip-tls-verify: true} asks for. Only
 * reachable through {@link Kubeconfig#loadAllowingInsecure} or
 * {@link ClientConfig#withInsecureSkipTlsVerify}, never by default.
 */
final class InsecureTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NONE = new X509Certificate[0];

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // deliberately accepts anything
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // deliberately accepts anything
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // deliberately accepts anything
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // a client is never asked to verify a client
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // a client is never asked to verify a client
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // a client is never asked to verify a client
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
