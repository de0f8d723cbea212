package io.kube4j.common.client;

import io.kube4j.common.tls.KeyStores;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client side of TLS from a {@link ClientConfig}: trust the configured CAs (or the JDK's),
 * present the client certificate when there is one, TLS 1.2+ only. Host name verification stays
 * on: the JDK client checks the URL's host, or {@link ServerNameTrustManager} checks
 * {@code tls-server-name} instead.
 */
final class Tls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private Tls() {
    }

    static SSLContext context(ClientConfig config) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(config), new TrustManager[] {trustManager(config)}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS for " + config.server() + ": " + e.getMessage(), e);
        }
    }

    static SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(PROTOCOLS);
        return parameters;
    }

    private static KeyManager[] keyManagers(ClientConfig config) throws GeneralSecurityException, IOException {
        if (config.clientCertificateChain().isEmpty()) {
            return null;
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(KeyStores.keyStore(config.clientCertificateChain(), config.clientKey()), KeyStores.PASSWORD);
        return factory.getKeyManagers();
    }

    private static X509ExtendedTrustManager trustManager(ClientConfig config) throws GeneralSecurityException, IOException {
        if (config.insecureSkipTlsVerify()) {
            return new InsecureTrustManager();
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        // an empty CA list means the JDK's default trust store, as kubectl falls back to the system roots
        factory.init(config.certificateAuthorities().isEmpty() ? (KeyStore) null
                : KeyStores.trustStore(config.certificateAuthorities()));
        X509ExtendedTrustManager standard = null;
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                standard = x509;
            }
        }
        if (standard == null) {
            throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
        }
        return config.tlsServerName() == null ? standard : new ServerNameTrustManager(standard, config.tlsServerName());
    }
}
