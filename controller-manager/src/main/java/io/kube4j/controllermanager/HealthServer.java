package io.kube4j.controllermanager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /healthz} and {@code /metrics}. Plain HTTP: the controller manager has no serving
 * certificate of its own yet, so bind it to loopback (the default) where only local probes and
 * scrapers reach it.
 */
final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    HealthServer(String address, int port, BooleanSupplier healthy, Supplier<String> metrics) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, port), 16);
        server.createContext("/healthz", exchange -> reply(exchange, healthy.getAsBoolean() ? 200 : 500,
                healthy.getAsBoolean() ? "ok" : "unhealthy", "text/plain"));
        server.createContext("/metrics", exchange -> reply(exchange, 200, metrics.get(), "text/plain; version=0.0.4"));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "controller-manager-health");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int code, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
