package io.kube4j.apiserver.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Plays the kubelet's log endpoint for DashboardIT, over real HTTPS with the node's serving
 * certificate: {@code GET /containerLogs/<ns>/<pod>/<container>} streams the lines the test
 * {@link #write}s, one chunk each, for as long as the apiserver keeps the request open.
 */
final class KubeletLogEndpoint implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kubelet-log-endpoint");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    KubeletLogEndpoint(Path pki, String node) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStores.keyStore(Pem.certificates(pki.resolve("kubelet-" + node + "-server.crt")),
                Pem.privateKey(pki.resolve("kubelet-" + node + "-server.key"))), KeyStores.PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(threads);
        server.createContext("/containerLogs/", this::stream);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Appends a line to the log of every open stream's container (the first reader takes it). */
    void write(String line) {
        lines.add(line + "\n");
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            while (!closed) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    body.write(line.getBytes(StandardCharsets.UTF_8));
                    body.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the apiserver closed the stream (the page stopped following)
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
