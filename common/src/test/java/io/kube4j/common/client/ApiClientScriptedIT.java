package io.kube4j.common.client;

import static io.kube4j.common.client.ScriptedHttpsServer.json;
import static io.kube4j.common.client.ScriptedHttpsServer.status;
import static io.kube4j.common.client.ScriptedHttpsServer.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, rate limit, error bodies, watches and TLS checks against a real HTTPS server that plays a script. */
class ApiClientScriptedIT {

    static final String NOT_FOUND = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"x\\" not found",
             "reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}""";

    ScriptedHttpsServer server;
    final List<Duration> slept = new CopyOnWriteArrayList<>();
    final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedHttpsServer(List.of("localhost"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A client whose waits are recorded instead of slept, on a clock that stands still. */
    ApiClient client(ClientConfig config) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(Tls.context(config))
                .sslParameters(Tls.parameters()).connectTimeout(config.connectTimeout()).build();
        return new ApiClient(config, http, RetryPolicy.DEFAULT, nanos::get, slept::add);
    }

    ClientConfig config() {
        return ClientConfig.forServer(server.url("localhost")).withCertificateAuthorities(List.of(server.ca.certificate()));
    }

    @Test
    void retriesAGetThroughTransientFailuresHonouringRetryAfter() {
        server.then(status(503, "text/plain", "warming up", "Retry-After", "3"),
                status(429, "text/plain", "slow down"),
                json(200, "{\"kind\":\"Pod\"}"));

        JsonNode pod = client(config()).get("/api/v1/namespaces/a/pods/x");

        assertThat(pod.path("kind").asText()).isEqualTo("Pod");
        assertThat(server.received()).hasSize(3);
        // 3 s as the server asked, then the second step of the backoff
        assertThat(slept).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(200));
    }

    @Test
    void givesUpAfterFiveAttemptsWithTheLastStatus() {
        for (int i = 0; i < 5; i++) {
            server.then(status(504, "text/plain", "gateway timeout " + i));
        }

        assertThatThrownBy(() -> client(config()).get("/api/v1/pods"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(504);
                    assertThat(e.reason()).isEqualTo("Timeout");
                    assertThat(e.status().message()).isEqualTo("gateway timeout 4");
                });
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800));
    }

    @Test
    void neverRetriesAPostOrAPatch() {
        server.then(status(503, "text/plain", "busy"), status(503, "text/plain", "busy"));
        ApiClient client = client(config());

        assertThatThrownBy(() -> client.post("/api/v1/namespaces", Json.object()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.reason()).isEqualTo("ServiceUnavailable"));
        assertThatThrownBy(() -> client.patch("/api/v1/namespaces/a", "application/merge-patch+json", Json.object()))
                .isInstanceOf(ApiException.class);
        assertThat(server.received()).hasSize(2);
        assertThat(slept).isEmpty();
    }

    @Test
    void carriesTheServersStatusOrTheTextOfAnyOtherBody() {
        server.then(json(404, NOT_FOUND), status(502, "text/html", "<html>bad gateway</html>"));
        ApiClient client = client(config());

        assertThatThrownBy(() -> client.get("/api/v1/namespaces/a/pods/x"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.status().message()).isEqualTo("pods \"x\" not found");
                    assertThat(e.status().name()).isEqualTo("x");
                    assertThat(e).hasMessage("GET /api/v1/namespaces/a/pods/x: 404 NotFound: pods \"x\" not found");
                });
        assertThatThrownBy(() -> client.get("/healthz"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(502);
                    assertThat(e.status().message()).isEqualTo("<html>bad gateway</html>");
                });
    }

    @Test
    void sendsTheTokenUserAgentAndBodyAndReadsAnEmptyReplyAsNull() {
        server.then(status(200, null, ""), json(201, "{}"));
        ApiClient client = client(config().withToken(() -> "tok-1").withUserAgent("kube-scheduler"));

        assertThat(client.delete("/api/v1/namespaces/a/pods/x", Json.parse("{\"gracePeriodSeconds\":0}"))).isNull();
        client.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"n\"}}"));

        ScriptedHttpsServer.Received delete = server.received().get(0);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.header("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(delete.header("User-Agent")).isEqualTo("kube-scheduler");
        assertThat(delete.header("Content-Type")).isEqualTo("application/json");
        assertThat(delete.body()).isEqualTo("{\"gracePeriodSeconds\":0}");
        assertThat(server.received().get(1).header("Accept")).isEqualTo("application/json, */*");
    }

    @Test
    void pacesRequestsWithTheTokenBucket() {
        server.then(json(200, "{}"), json(200, "{}"), json(200, "{}"));
        ApiClient client = client(config().withRateLimit(1, 1));

        for (int i = 0; i < 3; i++) {
            client.get("/version");
        }

        // the clock stands still: one token from the full bucket, then one per second, borrowed
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void retriesARefusedConnectionForAGetOnly() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("https://127.0.0.1:" + socket.getLocalPort());
        }
        ApiClient client = client(config().withServer(closed));

        assertThatThrownBy(() -> client.get("/version"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class)
                .hasMessageContaining("GET " + closed + "/version: cannot reach the apiserver");
        assertThat(slept).hasSize(4);

        slept.clear();
        assertThatThrownBy(() -> client.post("/api/v1/namespaces", Json.object())).isInstanceOf(UncheckedIOException.class);
        assertThat(slept).isEmpty();
    }

    @Test
    void verifiesTheServerByItsCaAndHostNameOrTheConfiguredServerName() {
        server.then(json(200, "{\"ok\":1}"), json(200, "{\"ok\":2}"), json(200, "{\"ok\":3}"));
        URI byAddress = server.url("127.0.0.1");

        assertThat(client(config()).get("/ok").path("ok").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> client(config().withServer(byAddress)).get("/ok"))
                .as("the certificate names localhost, not 127.0.0.1")
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(client(config().withServer(byAddress).withTlsServerName("localhost")).get("/ok").path("ok").asInt())
                .isEqualTo(2);
        assertThatThrownBy(() -> client(config().withTlsServerName("apiserver.example.com")).get("/ok"))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> client(ClientConfig.forServer(server.url("localhost"))
                .withCertificateAuthorities(List.of(TestCerts.ca("stranger").certificate()))).get("/ok"))
                .as("a server from another CA").isInstanceOf(UncheckedIOException.class);
        assertThat(client(ClientConfig.forServer(byAddress).withInsecureSkipTlsVerify(true)).get("/ok").path("ok").asInt())
                .isEqualTo(3);
        assertThat(slept).as("certificate failures are not retried").isEmpty();
    }

    @Test
    void watchDeliversEachLineInOrderThenACleanEnd() throws Exception {
        server.then(stream(List.of("{\"type\":\"ADDED\",\"object\":{\"n\":1}}", "", "{\"type\":\"MODIFIED\",\"object\":{\"n\":2}}",
                "{\"type\":\"DELETED\",\"object\":{\"n\":3}}"), false));
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        BlockingQueue<Object> closed = new LinkedBlockingQueue<>();

        client(config()).watch("/api/v1/pods?watch=true", events::add, e -> closed.add(e == null ? "clean" : e));

        assertThat(closed.poll(10, TimeUnit.SECONDS)).isEqualTo("clean");
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("ADDED", "MODIFIED", "DELETED");
        assertThat(closed).isEmpty();
    }

    @Test
    void aRefusedWatchEndsWithTheServersStatusBeforeWatchReturns() {
        server.then(json(403, """
                {"kind":"Status","status":"Failure","message":"pods is forbidden","reason":"Forbidden","code":403}"""));
        List<Throwable> closed = new ArrayList<>();

        client(config()).watch("/api/v1/pods?watch=true", e -> { }, closed::add);

        assertThat(closed).singleElement().isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.reason()).isEqualTo("Forbidden"));
    }

    @Test
    void closingAWatchStopsItPromptlyAndReportsACleanEndOnce() throws Exception {
        server.then(stream(List.of("{\"type\":\"ADDED\",\"object\":{}}"), true));
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        List<Object> closes = new CopyOnWriteArrayList<>();
        ApiClient client = client(config());

        Watch watch = client.watch("/api/v1/pods?watch=true", events::add, e -> closes.add(e == null ? "clean" : e));
        assertThat(events.poll(10, TimeUnit.SECONDS)).isNotNull();
        long start = System.nanoTime();
        watch.close();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        watch.close();
        client.close();

        assertThat(took).as("close() took %d ms", took).isLessThan(1000);
        assertThat(closes).containsExactly("clean");
        assertThatThrownBy(() -> client.get("/x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheClientClosesItsWatchesAndAHandlerMayCloseItsOwnWatch() throws Exception {
        server.then(stream(List.of("{\"n\":1}"), true), stream(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), true));
        ApiClient client = client(config());
        BlockingQueue<Object> closes = new LinkedBlockingQueue<>();
        client.watch("/a?watch=true", e -> { }, e -> closes.add(e == null ? "first clean" : e));
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        AtomicReference<Watch> self = new AtomicReference<>();
        self.set(client.watch("/b?watch=true", e -> {
            seen.add(e);
            while (self.get() == null) {
                Thread.onSpinWait();  // the first event may come before watch() has returned
            }
            self.get().close();
        }, e -> closes.add(e == null ? "second clean" : e)));

        assertThat(closes.poll(10, TimeUnit.SECONDS)).isEqualTo("second clean");
        assertThat(seen).hasSize(1);
        client.close();
        assertThat(closes.poll(10, TimeUnit.SECONDS)).isEqualTo("first clean");
    }
}
