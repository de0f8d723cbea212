package io.kube4j.common.client;

import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything an {@link ApiClient} needs to reach one apiserver: where it is, whom to trust, who we
 * are, and how hard we may push. Immutable; derive variants with the {@code with…} methods.
 * {@link Kubeconfig} and {@link InClusterConfig} produce it; tests may build it by hand from
 * {@link #forServer}.
 *
 * @param server                 the apiserver base URL ({@code https://host:port}, optionally with a path prefix)
 * @param certificateAuthorities the CAs the server certificate must chain to; empty = the JDK's default trust store
 * @param clientCertificateChain our client certificate first, then intermediates; empty when we send none
 * @param clientKey              the private key of the client certificate, null exactly when the chain is empty
 * @param token                  supplies the bearer token for each request (may re-read a file), null for none
 * @param namespace              the namespace used when the caller names none
 * @param qps                    sustained requests per second of the client-side rate limit; {@code <= 0} disables it
 * @param burst                  how many requests may go at once before the rate limit applies
 * @param connectTimeout         how long to wait for a TCP + TLS connection
 * @param requestTimeout         how long one attempt of a non-watch request may wait for its reply (a watch only for its headers)
 * @param tlsServerName          the name the server certificate must carry instead of the URL's host, null for the host
 * @param insecureSkipTlsVerify  trust any server certificate; only set by an explicit opt-in
 * @param userAgent              sent as {@code User-Agent}, so audit logs and metrics can tell components apart
 */
public record ClientConfig(
        URI server,
        List<X509Certificate> certificateAuthorities,
        List<X509Certificate> clientCertificateChain,
        PrivateKey clientKey,
        Supplier<String> token,
        String namespace,
        double qps,
        int burst,
        Duration connectTimeout,
        Duration requestTimeout,
        String tlsServerName,
        boolean insecureSkipTlsVerify,
        String userAgent) {

    public static final double DEFAULT_QPS = 50;
    public static final int DEFAULT_BURST = 100;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String DEFAULT_USER_AGENT = "kube4j";

    public ClientConfig {
        if (server == null || server.getScheme() == null || server.getHost() == null
                || !(server.getScheme().equals("https") || server.getScheme().equals("http"))) {
            throw new IllegalArgumentException("the apiserver URL must be http(s)://host[:port], got " + server);
        }
        certificateAuthorities = certificateAuthorities == null ? List.of() : List.copyOf(certificateAuthorities);
        clientCertificateChain = clientCertificateChain == null ? List.of() : List.copyOf(clientCertificateChain);
        if (clientCertificateChain.isEmpty() != (clientKey == null)) {
            throw new IllegalArgumentException("a client certificate needs its private key and a key needs its certificate");
        }
        if (insecureSkipTlsVerify && !certificateAuthorities.isEmpty()) {
            // kubectl refuses the same combination: the CA would silently be ignored
            throw new IllegalArgumentException("certificate authorities and insecure-skip-tls-verify exclude each other");
        }
        namespace = namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connect timeout");
        requestTimeout = positive(requestTimeout, DEFAULT_REQUEST_TIMEOUT, "request timeout");
        tlsServerName = tlsServerName == null || tlsServerName.isEmpty() ? null : tlsServerName;
        userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent;
    }

    /** A configuration with defaults everywhere: JDK trust store, no credentials, namespace {@code default}. */
    public static ClientConfig forServer(URI server) {
        return new ClientConfig(server, List.of(), List.of(), null, null, null, DEFAULT_QPS, DEFAULT_BURST,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, null, false, DEFAULT_USER_AGENT);
    }

    public ClientConfig withServer(URI server) {
        return new ClientConfig(server, certificateAuthorities, clientCertificateChain, clientKey, token, namespace,
                qps, burst, connectTimeout, requestTimeout, tlsServerName, insecureSkipTlsVerify, userAgent);
    }

    public ClientConfig withCertificateAuthorities(List<X509Certificate> certificateAuthorities) {
        return new ClientConfig(server, certificateAuthorities, clientCertificateChain, clientKey, token, namespace,
                qps, burst, connectTimeout, requestTimeout, tlsServerName, insecureSkipTlsVerify, userAgent);
    }

    /** Authenticate by client certificate; pass an empty chain and null to send none. */
    public ClientConfig withClientCertificate(List<X509Certificate> chain, PrivateKey key) {
        return new ClientConfig(server, certificateAuthorities, chain, key, token, namespace,
                qps, burst, connectTimeout, requestTimeout, tlsServerName, insecureSkipTlsVerify, userAgent);
    }

    /** Authenticate by bearer token; the supplier is asked before every request, null sends none. */
    public ClientConfig withToken(Supplier<String> token) {
        return new ClientConfig(server, certificateAuthorities, clientCertificateChain, clientKey, token, namespace,
                qps, burst, connectTimeout, requestTimeout, tlsServerName, insecureSkipTlsVerify, userAgent);
    }

    public ClientConfig withNamespace(String namespace) {
        return new ClientConfig(server, certificateAuthorities, clientCertificateChain, clientKey, token, namespace,
                qps, burst, connectTimeout, requestTimeout, tlsServerName, insecureSkipTlsVerify, userAgent);
    }

    public ClientConfig withRateLimit(double qps, int burst) {
        return new ClientConfig(server, certificateAuthorities, clientCertificateChain, clientKey, token, namespace,
                qps, burst, connectTimeout, requestTimeout, tlsServerName, insecureSkipTlsVerify, userAgent);
    }

    public ClientConfig withTimeouts(Duration connectTimeout, Duration requestTimeout) {
        return new ClientConfig(server, certificateAuthorities, clientCertificateChain, clientKey, token, namespace,
                qps, burst, connectTimeout, requestTimeout, tlsServerName, insecureSkipTlsVerify, userAgent);
    }

    public ClientConfig withTlsServerName(String tlsServerName) {
        return new ClientConfig(server, certificateAuthorities, clientCertificateChain, clientKey, token, namespace,
                qps, burst, connectTimeout, requestTimeout, tlsServerName, insecureSkipTlsVerify, userAgent);
    }

    /** Trusts any server certificate: anyone on the path can then read and change everything we send. */
    public ClientConfig withInsecureSkipTlsVerify(boolean insecureSkipTlsVerify) {
        return new ClientConfig(server, certificateAuthorities, clientCertificateChain, clientKey, token, namespace,
                qps, burst, connectTimeout, requestTimeout, tlsServerName, insecureSkipTlsVerify, userAgent);
    }

    public ClientConfig withUserAgent(String userAgent) {
        return new ClientConfig(server, certificateAuthorities, clientCertificateChain, clientKey, token, namespace,
                qps, burst, connectTimeout, requestTimeout, tlsServerName, insecureSkipTlsVerify, userAgent);
    }

    /** Names the credentials but never shows them, so a config can be logged. */
    @Override
    public String toString() {
        String auth = !clientCertificateChain.isEmpty()
                ? "client certificate " + clientCertificateChain.get(0).getSubjectX500Principal().getName()
                : token != null ? "bearer token" : "anonymous";
        return "ClientConfig[server=" + server + ", auth=" + auth + ", namespace=" + namespace
                + ", cas=" + certificateAuthorities.size() + (insecureSkipTlsVerify ? ", INSECURE" : "")
                + (tlsServerName == null ? "" : ", tlsServerName=" + tlsServerName)
                + ", qps=" + qps + ", burst=" + burst + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", userAgent=" + userAgent + "]";
    }

    private static Duration positive(Duration value, Duration fallback, String what) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }
}
