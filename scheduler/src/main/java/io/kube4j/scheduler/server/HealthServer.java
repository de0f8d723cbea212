package io.kube4j.scheduler.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The scheduler's own HTTPS endpoint (port 10259 by default): {@code /healthz} answers
 * {@code ok} (500 when unhealthy) and {@code /metrics} the Prometheus text. Served by the JDK's
 * HTTP server on two daemon threads; TLS 1.2 and 1.3 only.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;

    private HealthServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * @param address port 0 picks a free port
     * @param healthy asked for every {@code /healthz}
     * @param metrics asked for every {@code /metrics}
     */
    public static HealthServer start(InetSocketAddress address, SSLContext tls, BooleanSupplier healthy,
                                     Supplier<byte[]> metrics) throws IOException {
        HttpsServer server = HttpsServer.create(address, 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                params.setSSLParameters(parameters);
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "scheduler-healthz");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/healthz", exchange -> {
            boolean ok = healthy.getAsBoolean();
            reply(exchange, ok ? 200 : 500, "text/plain; charset=utf-8",
                    (ok ? "ok" : "unhealthy").getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/metrics", exchange ->
                reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
        server.createContext("/", exchange ->
                reply(exchange, 404, "text/plain; charset=utf-8", "404 page not found".getBytes(StandardCharsets.UTF_8)));
        server.start();
        return new HealthServer(server, threads);
    }

    private static void reply(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(code, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
