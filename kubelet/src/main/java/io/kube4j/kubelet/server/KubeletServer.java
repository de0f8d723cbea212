package io.kube4j.kubelet.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import io.kube4j.kubelet.runtime.ContainerLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The kubelet's HTTPS API on {@code --port} (10250): {@code /healthz} for anyone; {@code /pods},
 * {@code /containerLogs/<ns>/<pod>/<container>} and {@code /metrics} only for clients whose
 * certificate (signed by {@code --client-ca-file}) is in group {@code system:masters} — the
 * apiserver's kubelet-client identity and admins. Served by the JDK's HTTP server.
 */
public final class KubeletServer implements AutoCloseable {

    private static final String MASTERS = "system:masters";

    private final HttpsServer server;

    private KubeletServer(HttpsServer server) {
        this.server = server;
    }

    /** @param threads runs requests; a follow holds its thread until the client leaves */
    public static KubeletServer start(InetSocketAddress address, SSLContext tls, boolean clientAuth,
                                      Supplier<List<Pod>> pods, LogSource logs, Supplier<byte[]> metrics,
                                      ExecutorService threads) throws IOException {
        HttpsServer server = HttpsServer.create(address, 128);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                parameters.setWantClientAuth(clientAuth);
                params.setSSLParameters(parameters);
            }
        });
        server.setExecutor(threads);
        server.createContext("/healthz", exchange -> reply(exchange, 200, "text/plain; charset=utf-8", "ok"));
        server.createContext("/pods", exchange -> {
            if (allowed(exchange)) {
                ObjectNode list = Json.object();
                list.put("kind", "PodList").put("apiVersion", "v1");
                list.putObject("metadata");
                ArrayNode items = list.putArray("items");
                pods.get().forEach(p -> items.add(p.json()));
                reply(exchange, 200, "application/json", Json.string(list));
            }
        });
        server.createContext("/metrics", exchange -> {
            if (allowed(exchange)) {
                reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", new String(metrics.get(), StandardCharsets.UTF_8));
            }
        });
        server.createContext("/containerLogs/", exchange -> {
            if (allowed(exchange)) {
                containerLogs(exchange, logs);
            }
        });
        server.createContext("/", exchange -> reply(exchange, 404, "text/plain; charset=utf-8", "404 page not found"));
        server.start();
        return new KubeletServer(server);
    }

    private static void containerLogs(HttpExchange exchange, LogSource logs) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().substring("/containerLogs/".length()).split("/");
        if (parts.length != 3) {
            reply(exchange, 400, "text/plain; charset=utf-8", "expected /containerLogs/<namespace>/<pod>/<container>");
            return;
        }
        LogRequest request;
        try {
            request = LogRequest.parse(exchange.getRequestURI().getRawQuery(), java.time.Instant.now());
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, "text/plain; charset=utf-8", e.getMessage());
            return;
        }
        Optional<ContainerLog> log = logs.log(parts[0], parts[1], parts[2], request.previous());
        if (log.isEmpty()) {
            reply(exchange, 404, "text/plain; charset=utf-8", (request.previous() ? "previous terminated " : "")
                    + "container \"" + parts[2] + "\" in pod \"" + parts[1] + "\" (namespace " + parts[0] + ") has no log");
            return;
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                log.get().copy(request.options(), out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away mid-stream
            }
        }
    }

    /** Answers 401/403 itself and returns false unless the client is in system:masters. */
    private static boolean allowed(HttpExchange exchange) throws IOException {
        Certificate[] chain;
        try {
            chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            reply(exchange, 401, "text/plain; charset=utf-8", "Unauthorized: a client certificate is required");
            return false;
        }
        if (chain.length > 0 && chain[0] instanceof X509Certificate x && groups(x).contains(MASTERS)) {
            return true;
        }
        reply(exchange, 403, "text/plain; charset=utf-8", "Forbidden: only system:masters may use the kubelet API");
        return false;
    }

    private static List<String> groups(X509Certificate certificate) {
        try {
            return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
                    .filter(r -> r.getType().equalsIgnoreCase("O")).map(r -> r.getValue().toString()).toList();
        } catch (InvalidNameException e) {
            return List.of();
        }
    }

    private static void reply(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
