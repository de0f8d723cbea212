package io.kube4j.apiserver.bench;

import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Several JDK {@link HttpClient}s to one apiserver, each its own HTTP/2 connection once primed,
 * authenticated by one client certificate. Request {@code i} goes over connection {@code i % n}.
 *
 * <p>Requests are blocking {@code send}s on caller threads, as separate clients would make them:
 * the client's {@code sendAsync} completes every reply on a new thread when the common pool has
 * fewer than two threads (two cores), a cost that would be charged to the apiserver here.
 */
final class ApiClient {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final List<HttpClient> clients;
    private final Executor callers;

    private ApiClient(URI base, List<HttpClient> clients, Executor callers) {
        this.base = base;
        this.clients = clients;
        this.callers = callers;
    }

    /** The TLS context of {@code identity} ({@code admin}, …) from a kube4j-certs PKI directory. */
    static SSLContext tls(Path pki, String identity) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStores.keyStore(Pem.certificates(pki.resolve(identity + ".crt")),
                Pem.privateKey(pki.resolve(identity + ".key"))), KeyStores.PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStores.trustStore(Pem.certificates(pki.resolve("ca.crt"))));
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return ssl;
    }

    /**
     * Opens {@code connections} HTTP/2 connections (one request each, one after the other, so
     * concurrent first requests never race to open extra connections).
     *
     * @param executor the HTTP clients' own threads
     * @param callers  the threads that make blocking requests; as many as requests in flight
     */
    static ApiClient connect(URI base, SSLContext tls, int connections, Executor executor, Executor callers) {
        List<HttpClient> clients = new ArrayList<>(connections);
        ApiClient api = new ApiClient(base, clients, callers);
        for (int i = 0; i < connections; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
                    .executor(executor).connectTimeout(Duration.ofSeconds(5)).build());
            HttpClient client = clients.get(i);
            HttpResponse<byte[]> reply = await(CompletableFuture.supplyAsync(() -> sendBlocking(client,
                    api.request("/version").GET().build()), callers), "GET /version");
            if (reply.version() != HttpClient.Version.HTTP_2) {
                throw new BenchException("the apiserver at " + base + " did not negotiate HTTP/2 (got " + reply.version() + ")");
            }
        }
        return api;
    }

    int connections() {
        return clients.size();
    }

    HttpClient client(int i) {
        return clients.get(Math.floorMod(i, clients.size()));
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT);
    }

    /** Sends request {@code i}; the future fails unless the reply has code {@code expected}. */
    CompletableFuture<byte[]> send(int i, String method, String path, byte[] body, int expected) {
        HttpRequest.Builder request = request(path)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpClient client = client(i);
        return CompletableFuture.supplyAsync(() -> {
            HttpResponse<byte[]> reply = sendBlocking(client, request.build());
            if (reply.statusCode() != expected) {
                String text = new String(reply.body(), StandardCharsets.UTF_8);
                throw new BenchException(method + " " + path + " answered " + reply.statusCode()
                        + ": " + text.substring(0, Math.min(300, text.length())));
            }
            return reply.body();
        }, callers);
    }

    private static HttpResponse<byte[]> sendBlocking(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** {@link #send} and wait for it, at most the request timeout. */
    byte[] call(String method, String path, byte[] body, int expected) {
        return await(send(0, method, path, body, expected), method + " " + path);
    }

    static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted during " + what, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new BenchException(what + " got no reply in time", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof BenchException b ? b : new BenchException(what + " failed: " + cause, cause);
        }
    }
}
