package io.kube4j.proxy.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A plain-HTTP endpoint of kube-proxy (as in Kubernetes: /healthz on 10256, /metrics on 10249),
 * served by the JDK's HTTP server on one daemon thread.
 */
public final class ProxyHttpServer implements AutoCloseable {

    /** One path's reply: status, content type, body. */
    public record Reply(int status, String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService thread;

    private ProxyHttpServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    public static ProxyHttpServer start(InetSocketAddress address, Map<String, Supplier<Reply>> routes) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kube-proxy-http-" + address.getPort());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        routes.forEach((path, reply) -> server.createContext(path, handler(path, reply)));
        server.start();
        return new ProxyHttpServer(server, thread);
    }

    private static HttpHandler handler(String path, Supplier<Reply> reply) {
        return exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    send(exchange, new Reply(404, "text/plain", "404 page not found\n".getBytes(StandardCharsets.UTF_8)));
                    return;
                }
                send(exchange, reply.get());
            }
        };
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
