package io.kube4j.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kube4j.certs.pki.Pem;
import io.kube4j.certs.pki.Pki;
import io.kube4j.certs.pki.PkiLayout;
import io.kube4j.certs.pki.PkiOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS handshakes on 127.0.0.1 with the JDK's own TLS stack: the apiserver pair serves and
 * demands a client certificate, as kube-apiserver does.
 */
class CertsTlsIT {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final char[] PASSWORD = "unused".toCharArray();
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    @TempDir
    static Path temp;

    static PkiLayout cluster;
    static PkiLayout stranger;

    final ExecutorService executor = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void initPkis() {
        Pki pki = new Pki(Clock.systemUTC());
        cluster = pki.init(PkiOptions.defaults(temp.resolve("cluster"))).layout();
        stranger = pki.init(PkiOptions.defaults(temp.resolve("stranger"))).layout();
    }

    @AfterEach
    void stopServer() {
        executor.shutdownNow();
    }

    @Test
    void theServerSeesAdminsCommonNameAfterAMutuallyAuthenticatedHandshake() throws Exception {
        try (SSLServerSocket server = listen(context(cluster, "apiserver", cluster))) {
            Future<String> peer = executor.submit(() -> acceptOne(server));

            int reply = connect(context(cluster, "admin", cluster), server.getLocalPort());

            assertThat(reply).isEqualTo(1);
            assertThat(peer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("CN=admin,O=system:masters");
        }
    }

    @Test
    void aKubeletServingPairServesToTheApiserversKubeletClient() throws Exception {
        Pki pki = new Pki(Clock.systemUTC());
        PkiLayout withNode = pki.init(PkiOptions.defaults(temp.resolve("node"))
                .withNodes(List.of("n1"))).layout();
        try (SSLServerSocket server = listen(context(withNode, "kubelet-n1-server", withNode))) {
            Future<String> peer = executor.submit(() -> acceptOne(server));

            connect(context(withNode, "apiserver-kubelet-client", withNode), server.getLocalPort());

            assertThat(peer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("CN=kube-apiserver-kubelet-client,O=system:masters");
        }
    }

    @Test
    void aClientCertificateFromAnotherCaFailsTheHandshake() throws Exception {
        try (SSLServerSocket server = listen(context(cluster, "apiserver", cluster))) {
            Future<String> peer = executor.submit(() -> acceptOne(server));

            // The stranger trusts our CA, so only the server's check of the client can fail.
            Throwable clientFailure = catchThrowable(
                    () -> connect(context(stranger, "admin", cluster), server.getLocalPort()));

            Throwable serverFailure = catchThrowable(
                    () -> peer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            assertThat(serverFailure).hasCauseInstanceOf(SSLHandshakeException.class);
            assertThat(clientFailure).isInstanceOf(IOException.class);
        }
    }

    /** Key material from {@code keys} (pair {@code name}), trusting the CA of {@code trust}. */
    static SSLContext context(PkiLayout keys, String name, PkiLayout trust) throws Exception {
        X509Certificate certificate = Pem.readCertificate(keys.certificate(name));
        X509Certificate ca = Pem.readCertificate(keys.caCertificate());
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(name, Pem.readPrivateKey(keys.privateKey(name)), PASSWORD,
                new Certificate[] {certificate, ca});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", Pem.readCertificate(trust.caCertificate()));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    static SSLServerSocket listen(SSLContext context) throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(PROTOCOLS);
        server.setSoTimeout((int) DEADLINE.toMillis());
        return server;
    }

    /** Completes one handshake, answers one byte, and returns the client's subject (RFC 2253: CN first). */
    static String acceptOne(SSLServerSocket server) throws IOException {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
            socket.setSoTimeout((int) DEADLINE.toMillis());
            socket.startHandshake();
            String subject = ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName();
            socket.getOutputStream().write(1);
            socket.getOutputStream().flush();
            return subject;
        }
    }

    /**
     * Handshakes as a client checking the server's name as HTTPS does (127.0.0.1 must be an IP
     * SAN) and returns the server's one-byte answer. With TLS 1.3 a rejected client certificate
     * surfaces on that read rather than in the handshake.
     */
    static int connect(SSLContext context, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout((int) DEADLINE.toMillis());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setProtocols(PROTOCOLS);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            int reply = socket.getInputStream().read();
            if (reply < 0) {
                throw new IOException("the server closed the connection without answering");
            }
            return reply;
        }
    }
}
