package io.kube4j.apiserver.server;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of client certificates: it advertises the client CA (so clients pick the right
 * certificate) but accepts any certificate, leaving the verdict to
 * {@link io.kube4j.apiserver.auth.ClientCertificateAuthenticator}, which answers 401 with a Status.
 * The handshake still proves the client holds the certificate's key.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {

    private final X509Certificate[] authorities;

    ClientCertificateTrust(List<X509Certificate> authorities) {
        this.authorities = authorities.toArray(new X509Certificate[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // verified per request by the authenticator
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // verified per request by the authenticator
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // verified per request by the authenticator
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("server side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.clone();
    }
}
