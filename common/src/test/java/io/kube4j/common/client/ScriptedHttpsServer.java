package io.kube4j.common.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kube4j.common.tls.KeyStores;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server (the JDK's, HTTP/1.1 only) that answers each request with the next scripted
 * reply and records what it received: for the client behaviours a real apiserver cannot be made
 * to show on demand (503s, Retry-After, HTML error pages, streams that stall).
 */
final class ScriptedHttpsServer implements AutoCloseable {

    /** What the server does with one request. */
    @FunctionalInterface
    interface Reply {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** One request as received. */
    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final TestCerts.Issued ca = TestCerts.ca("scripted-ca");
    private final HttpsServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingDeque<Reply> script = new LinkedBlockingDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** @param names the subject alternative names of the server certificate */
    ScriptedHttpsServer(List<String> names) throws Exception {
        TestCerts.Issued certificate = TestCerts.issue(ca, "scripted-server", TestCerts.ec(), names);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStores.keyStore(List.of(certificate.certificate()), certificate.keys().getPrivate()),
                KeyStores.PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        // the wildcard address, so "localhost" works whether it resolves to 127.0.0.1 or ::1
        server = HttpsServer.create(new InetSocketAddress(0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort());
    }

    /** Queues replies, answered in order; a request with none left gets a 500. */
    ScriptedHttpsServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    List<Received> received() {
        return received;
    }

    static Reply status(int code, String contentType, String body, String... headers) {
        return exchange -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().add("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        };
    }

    static Reply json(int code, String body, String... headers) {
        return status(code, "application/json", body, headers);
    }

    /** A chunked stream of lines, flushed one by one, then (unless {@code stall}) the end of the stream. */
    static Reply stream(List<String> lines, boolean stall) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            // a stalled stream sends heartbeats until the client goes away (or 20 s pass)
            long end = System.nanoTime() + 20_000_000_000L;
            try {
                while (stall && System.nanoTime() < end) {
                    Thread.sleep(50);
                    out.write('\n');
                    out.flush();
                }
                out.close();
            } catch (IOException | InterruptedException e) {
                // the client closed the stream
            }
            exchange.close();
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Reply reply = script.poll();
        if (reply == null) {
            reply = status(500, "text/plain", "no scripted reply left");
        }
        reply.answer(exchange);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
