package io.kube4j.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a kube4j process talks to the apiserver: JSON over HTTPS (HTTP/2 when the server
 * offers it, so every request and watch shares one connection), authenticated by client
 * certificate or bearer token, paced by a client-side token bucket, with idempotent requests
 * retried on transient failures. Thread-safe; one per process is the intended use.
 *
 * <p>Paths are absolute and already encoded ({@code /api/v1/namespaces/default/pods?limit=500}).
 * A non-2xx reply throws {@link ApiException} with the server's Status; failing to reach the
 * server throws {@link UncheckedIOException}; being interrupted throws {@link UncheckedIOException}
 * around an {@link InterruptedIOException}, with the thread's interrupt flag set again.
 */
public final class ApiClient implements AutoCloseable {

    /** What client-go sends: JSON preferred, anything accepted (log subresources are text). */
    static final String ACCEPT = "application/json, */*";
    static final String JSON = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(ApiClient.class);

    private final ClientConfig config;
    private final HttpClient http;
    private final String base;
    private final TokenBucket limiter;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Set<WatchStream> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ApiClient(ClientConfig config, HttpClient http, RetryPolicy retry, LongSupplier nanoTime, Sleeper sleeper) {
        this.config = config;
        this.http = http;
        String server = config.server().toString();
        this.base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.limiter = new TokenBucket(config.qps(), config.burst(), nanoTime, sleeper);
        this.retry = retry;
        this.sleeper = sleeper;
    }

    public static ApiClient create(ClientConfig config) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(Tls.context(config))
                .sslParameters(Tls.parameters())
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new ApiClient(config, http, RetryPolicy.DEFAULT, System::nanoTime, Sleeper.SYSTEM);
    }

    /** @param context the context to use, or null for the file's current-context */
    public static ApiClient fromKubeconfig(Path file, String context) {
        return create(Kubeconfig.load(file, context));
    }

    /** The namespace to use when the caller names none: the kubeconfig context's, else {@code default}. */
    public String namespace() {
        return config.namespace();
    }

    public URI server() {
        return config.server();
    }

    public ClientConfig config() {
        return config;
    }

    /**
     * Sends a request and answers the reply's JSON body, null when the body is empty.
     *
     * @param body        the request body, null for none
     * @param contentType its media type, ignored without a body
     */
    public JsonNode request(String method, String pathAndQuery, byte[] body, String contentType) {
        return send(method, pathAndQuery, body, contentType).json();
    }

    public JsonNode get(String pathAndQuery) {
        return request("GET", pathAndQuery, null, null);
    }

    public JsonNode post(String pathAndQuery, JsonNode body) {
        return request("POST", pathAndQuery, Json.bytes(body), JSON);
    }

    public JsonNode put(String pathAndQuery, JsonNode body) {
        return request("PUT", pathAndQuery, Json.bytes(body), JSON);
    }

    /** @param contentType the patch type: {@code application/merge-patch+json}, {@code application/json-patch+json}, … */
    public JsonNode patch(String pathAndQuery, String contentType, JsonNode patch) {
        return request("PATCH", pathAndQuery, Json.bytes(patch), contentType);
    }

    /** For patches that are not JSON, such as server-side apply's {@code application/apply-patch+yaml}. */
    public JsonNode patch(String pathAndQuery, String contentType, byte[] patch) {
        return request("PATCH", pathAndQuery, patch, contentType);
    }

    /** @param options a DeleteOptions object (preconditions, propagationPolicy, …), or null */
    public JsonNode delete(String pathAndQuery, JsonNode options) {
        return options == null ? request("DELETE", pathAndQuery, null, null)
                : request("DELETE", pathAndQuery, Json.bytes(options), JSON);
    }

    /**
     * Sends a request, paced by the rate limit and retried as {@link RetryPolicy} allows, and answers
     * the raw 2xx reply.
     *
     * @throws ApiException          for a non-2xx reply (after retries)
     * @throws UncheckedIOException  when no reply could be had (after retries)
     */
    public ApiResponse send(String method, String pathAndQuery, byte[] body, String contentType) {
        URI uri = uri(pathAndQuery);
        for (int attempt = 1; ; attempt++) {
            ensureOpen();
            pace(method, pathAndQuery);
            AtomicBoolean responded = new AtomicBoolean();
            HttpResponse<byte[]> reply;
            try {
                reply = http.send(request(method, uri, body, contentType).timeout(config.requestTimeout()).build(),
                        info -> {
                            responded.set(true);
                            return HttpResponse.BodySubscribers.ofByteArray();
                        });
            } catch (IOException e) {
                if (attempt < retry.maxAttempts() && retry.retries(method, e, responded.get())) {
                    backOff(method, pathAndQuery, attempt, retry.delay(attempt, null), e.toString());
                    continue;
                }
                throw new UncheckedIOException(method + " " + uri + ": cannot reach the apiserver: " + e, e);
            } catch (InterruptedException e) {
                throw interrupted(method, pathAndQuery);
            }
            int code = reply.statusCode();
            if (code / 100 == 2) {
                return new ApiResponse(code, reply.headers().firstValue("Content-Type").orElse(""), reply.body(),
                        reply.version());
            }
            Status status = ApiException.statusOf(code, reply.body());
            if (attempt < retry.maxAttempts() && retry.retries(method, code)) {
                backOff(method, pathAndQuery, attempt, retry.delay(attempt, retryAfter(reply, status)),
                        code + " " + status.reason());
                continue;
            }
            throw new ApiException(method, pathAndQuery, status);
        }
    }

    /**
     * Opens a watch ({@code ?watch=true…} already in the path) and returns once the server has
     * accepted it or it has failed. Each non-blank line of the stream is parsed and handed to
     * {@code onEvent} on the watch's own thread, in order; ERROR events are passed on like any
     * other. {@code onClose} is then called exactly once, on that thread: with null after a clean
     * end or {@link Watch#close()}, with an {@link ApiException} for a non-2xx reply, or with the
     * failure (an {@link IOException}, or what {@code onEvent} threw). A watch has no request
     * timeout and is not rate limited; closing the client closes its watches.
     */
    public Watch watch(String pathAndQuery, Consumer<JsonNode> onEvent, Consumer<Throwable> onClose) {
        ensureOpen();
        URI uri = uri(pathAndQuery);
        WatchStream watch = new WatchStream(pathAndQuery, config.requestTimeout(), onEvent, onClose, watches::remove);
        watches.add(watch);
        if (closed) {
            watch.close();  // lost a race with close(): end it rather than leak it
        }
        watch.start(http.sendAsync(request("GET", uri, null, null).build(), HttpResponse.BodyHandlers.ofInputStream()));
        return watch;
    }

    /** Closes every open watch; later requests fail. The JDK 17 HttpClient frees its connections when collected. */
    @Override
    public void close() {
        closed = true;
        for (WatchStream watch : List.copyOf(watches)) {
            watch.close();
        }
    }

    private HttpRequest.Builder request(String method, URI uri, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", ACCEPT)
                .header("User-Agent", config.userAgent());
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        // asked per request: a token file may have been rotated since the last one
        String token = config.token() == null ? null : config.token().get();
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private URI uri(String pathAndQuery) {
        if (pathAndQuery == null || !pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("an API path starts with /, got " + pathAndQuery);
        }
        return URI.create(base + pathAndQuery);
    }

    private void pace(String method, String pathAndQuery) {
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            throw interrupted(method, pathAndQuery);
        }
    }

    private void backOff(String method, String pathAndQuery, int attempt, Duration delay, String why) {
        LOG.debug("{} {} failed ({}), attempt {} of {}; retrying in {} ms", method, pathAndQuery, why, attempt,
                retry.maxAttempts(), delay.toMillis());
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            throw interrupted(method, pathAndQuery);
        }
    }

    /** The header first, then the Status's details.retryAfterSeconds: apiservers send both. */
    private static Duration retryAfter(HttpResponse<?> reply, Status status) {
        Duration header = RetryPolicy.parseRetryAfter(reply.headers().firstValue("Retry-After").orElse(null));
        if (header != null) {
            return header;
        }
        return status.retryAfterSeconds() > 0 ? Duration.ofSeconds(status.retryAfterSeconds()) : null;
    }

    private static UncheckedIOException interrupted(String method, String pathAndQuery) {
        Thread.currentThread().interrupt();
        return new UncheckedIOException(new InterruptedIOException(method + " " + pathAndQuery + " was interrupted"));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the API client for " + config.server() + " is closed");
        }
    }
}
