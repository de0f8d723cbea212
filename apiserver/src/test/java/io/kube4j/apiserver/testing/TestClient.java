package io.kube4j.apiserver.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A small HTTPS client for tests: JSON in, {@link Reply} out, watches as a queue of events. */
public final class TestClient {

    private final URI base;
    private final HttpClient http;
    private final String token;

    private TestClient(URI base, HttpClient http, String token) {
        this.base = base;
        this.http = http;
        this.token = token;
    }

    public static TestClient withCertificate(URI base, Path pki, String identity) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStores.keyStore(Pem.certificates(pki.resolve(identity + ".crt")), Pem.privateKey(pki.resolve(identity + ".key"))),
                KeyStores.PASSWORD);
        return new TestClient(base, client(pki, keys), null);
    }

    static TestClient anonymous(URI base, Path pki) throws Exception {
        return new TestClient(base, client(pki, null), null);
    }

    /** The same identity over HTTP/1.1 only (the JDK client keeps an HTTP/2 upload going after an early reply). */
    public TestClient http1() {
        return new TestClient(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(http.sslContext()).connectTimeout(Duration.ofSeconds(5)).build(), token);
    }

    /** The same server, with a bearer token instead of a certificate. */
    public static TestClient withToken(URI base, Path pki, String token) throws Exception {
        return new TestClient(base, client(pki, null), token);
    }

    private static HttpClient client(Path pki, KeyManagerFactory keys) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStores.trustStore(Pem.certificates(pki.resolve("ca.crt"))));
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A reply: code, body text and the body as JSON when it is JSON. */
    public record Reply(int code, String body, String contentType) {
        public JsonNode json() {
            return Json.parse(body);
        }
    }

    public Reply get(String path) throws Exception {
        return send("GET", path, null, null, null);
    }

    public Reply get(String path, String accept) throws Exception {
        return send("GET", path, null, null, accept);
    }

    public Reply post(String path, Object body) throws Exception {
        return send("POST", path, body, "application/json", null);
    }

    public Reply put(String path, Object body) throws Exception {
        return send("PUT", path, body, "application/json", null);
    }

    public Reply patch(String path, String contentType, Object body) throws Exception {
        return send("PATCH", path, body, contentType, null);
    }

    public Reply delete(String path) throws Exception {
        return send("DELETE", path, null, null, null);
    }

    public Reply delete(String path, Object options) throws Exception {
        return send("DELETE", path, options, "application/json", null);
    }

    public Reply send(String method, String path, Object body, String contentType, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        byte[] bytes = body == null ? null
                : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                : body instanceof byte[] b ? b : Json.bytes(body);
        request.method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers().firstValue("content-type").orElse(""));
    }

    /** An open watch: its events (parsed lines) arrive in {@link #events()}; close to stop reading. */
    public final class Watch implements AutoCloseable {
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final InputStream stream;
        private final Thread reader;
        private final int code;

        Watch(HttpResponse<InputStream> response) {
            this.code = response.statusCode();
            this.stream = response.body();
            this.reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (!line.isBlank()) {
                            events.add(Json.parse(line));
                        }
                    }
                } catch (Exception ignored) {
                    // the stream was closed
                }
                events.add(Json.object().put("type", "CLOSED"));
            }, "test-watch");
            reader.setDaemon(true);
            reader.start();
        }

        public int code() {
            return code;
        }

        public BlockingQueue<JsonNode> events() {
            return events;
        }

        /** The next event within 10 s, failing the test when none arrives. */
        public JsonNode next() throws InterruptedException {
            JsonNode event = events.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no watch event within 10 s");
            }
            return event;
        }

        @Override
        public void close() throws java.io.IOException {
            stream.close();
            reader.interrupt();
        }
    }

    public Watch watch(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).GET().build();
        if (token != null) {
            request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
        }
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        return new Watch(response);
    }
}
