package io.kube4j.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One watch stream read by its own daemon thread: the thread waits for the response headers,
 * then hands each non-blank line, parsed, to {@code onEvent} in order, and ends by calling
 * {@code onClose} exactly once. A thread per watch is affordable because a process holds a few
 * dozen watches at most (one per informer), and it keeps ordering trivial.
 */
final class WatchStream implements Watch {

    /** How much of a failed watch reply is read for its Status; Status bodies are small. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration JOIN = Duration.ofSeconds(10);

    private final String description;
    private final Consumer<JsonNode> onEvent;
    private final Consumer<Throwable> onClose;
    private final Consumer<WatchStream> onFinish;
    private final CountDownLatch opened = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Duration headerTimeout;
    private final Thread reader;
    private volatile InputStream stream;
    private volatile CompletableFuture<HttpResponse<InputStream>> response;

    /**
     * @param description   the path, for the thread name and error messages
     * @param headerTimeout how long the server may take to accept the watch (the stream itself has no timeout)
     * @param onFinish      runs after {@code onClose}, to let the client forget this watch
     */
    WatchStream(String description, Duration headerTimeout, Consumer<JsonNode> onEvent, Consumer<Throwable> onClose,
                Consumer<WatchStream> onFinish) {
        this.description = description;
        this.headerTimeout = headerTimeout;
        this.onEvent = onEvent;
        this.onClose = onClose;
        this.onFinish = onFinish;
        this.reader = new Thread(this::run, "kube4j-watch " + description);
        this.reader.setDaemon(true);
    }

    /**
     * Starts reading {@code response} and waits until its headers arrived or the watch failed; in
     * the second case {@code onClose} has been called when this returns.
     */
    void start(CompletableFuture<HttpResponse<InputStream>> response) {
        this.response = response;
        reader.start();
        try {
            opened.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private void run() {
        Throwable error = null;
        try {
            HttpResponse<InputStream> reply = response.get(headerTimeout.toNanos(), TimeUnit.NANOSECONDS);
            stream = reply.body();
            if (closed.get()) {
                return;  // close() ran before the stream was known: it is closed in finally
            }
            if (reply.statusCode() / 100 != 2) {
                byte[] body = stream.readNBytes(MAX_ERROR_BODY);
                error = new ApiException("GET", description, ApiException.statusOf(reply.statusCode(), body));
                return;
            }
            opened.countDown();
            read();
        } catch (ExecutionException e) {
            error = e.getCause();
        } catch (TimeoutException e) {
            response.cancel(true);
            error = new HttpTimeoutException("no response to watch " + description + " within " + headerTimeout);
        } catch (InterruptedException e) {
            error = new InterruptedIOException("watch " + description + " interrupted");
        } catch (Throwable e) {
            error = e;  // a read failure, a line that is not JSON, or onEvent throwing: all end the watch
        } finally {
            closeQuietly(stream);
            finish(closed.get() ? null : error);
            opened.countDown();
        }
    }

    private void read() throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !closed.get(); line = lines.readLine()) {
            if (!line.isBlank()) {  // blank lines are the server's keep-alive heartbeats
                JsonNode event = Json.MAPPER.readTree(line);
                if (!closed.get()) {
                    onEvent.accept(event);
                }
            }
        }
    }

    private void finish(Throwable error) {
        try {
            onClose.accept(error);
        } finally {
            onFinish.accept(this);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<HttpResponse<InputStream>> pending = response;
        if (pending != null) {
            pending.cancel(true);
        }
        closeQuietly(stream);
        if (Thread.currentThread() == reader) {
            return;  // called from onEvent or onClose: the loop ends when that callback returns
        }
        try {
            // closing the stream wakes the reader; an interrupt is the fallback for a stuck handler
            reader.join(GRACE.toMillis());
            if (reader.isAlive()) {
                reader.interrupt();
                reader.join(JOIN.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "watch " + description + (closed.get() ? " (closed)" : "");
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            // closing to stop reading; a failure to close changes nothing
        }
    }
}
