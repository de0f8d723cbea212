package io.kube4j.scheduler.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    /** The server's certificate is self-signed: the test trusts it blindly, as a probe with -k would. */
    static HttpClient insecureClient() throws Exception {
        X509TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trustAll}, null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    @Test
    void servesHealthAndMetricsOverHttpsWithASelfSignedCertificate() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(true);
        SSLContext tls = ServingTls.selfSigned("test-host", Clock.systemUTC());
        try (HealthServer server = HealthServer.start(new InetSocketAddress("127.0.0.1", 0), tls, healthy::get,
                () -> "metric_a 1\n".getBytes(StandardCharsets.UTF_8))) {
            HttpClient client = insecureClient();
            String base = "https://127.0.0.1:" + server.port();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok");
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).isEqualTo("metric_a 1\n");
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            healthy.set(false);
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(500);
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }
}
