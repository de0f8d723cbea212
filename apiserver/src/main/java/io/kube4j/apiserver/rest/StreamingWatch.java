package io.kube4j.apiserver.rest;

import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.cache.WatchEvent;
import io.kube4j.apiserver.cache.WatchSink;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;

/**
 * One watch stream, over chunked HTTP or a WebSocket ({@link WatchOutput}). Events are queued by
 * the watch cache (never blocking it) and written with asynchronous writes, one write in flight at
 * a time, batching whatever queued up meanwhile: no thread is held per watcher, and a slow client
 * only fills its own queue until it is cut off: once {@code maxQueued} events wait behind a write its
 * socket does not take, the connection is closed at once (not after what is queued, which it would
 * never read), so a watcher that stops reading costs a bounded amount of memory.
 */
final class StreamingWatch implements WatchSink {

    private static final int BATCH_BYTES = 64 * 1024;
    private static final Object HEARTBEAT = new Object();
    private static final Object END = new Object();
    private static final Object FLUSH = new Object();

    private final ResourceType type;
    private final WatchOutput output;
    private final Executor writers;
    private final EventRenderer renderer;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final int maxQueued;
    /** The queue's bound: none while the watch is being registered (the initial list may be long), then maxQueued more. */
    private volatile int limit = Integer.MAX_VALUE;
    private volatile boolean ending;
    private volatile AutoCloseable registration;
    private volatile ScheduledFuture<?> heartbeat;
    private volatile ScheduledFuture<?> timeout;
    private final Runnable onFinish;

    StreamingWatch(ResourceType type, WatchOutput output, Executor writers, EventRenderer renderer,
                   Runnable onFinish, int maxQueued) {
        this.maxQueued = maxQueued;
        this.type = type;
        this.output = output;
        this.writers = writers;
        this.renderer = renderer;
        this.onFinish = onFinish;
    }

    /** Sends the headers at once (clients wait for them), then starts heartbeats and the timeout. */
    void start(WatchCache cache, AutoCloseable registration, ScheduledExecutorService timers, long timeoutSeconds,
               boolean bookmarks) {
        this.registration = registration;
        if (finished.get()) {
            // the client went away while the initial events were queued: finish() may have run before
            // the registration was known, so close it here (closing twice is harmless)
            close(registration);
            return;
        }
        // the initial ADDED events or the replay were queued during registration, under no bound: a
        // client that reads them all gets the usual room, one that stops reading is cut off
        limit = queued.get() + maxQueued;
        enqueue(FLUSH);
        // a heartbeat well inside the connector's idle timeout keeps quiet streams open and finds dead clients
        heartbeat = timers.scheduleWithFixedDelay(() -> {
            if (bookmarks) {
                cache.bookmark(this, null);
            } else {
                enqueue(HEARTBEAT);
            }
        }, 10, 10, TimeUnit.SECONDS);
        timeout = timers.schedule(this::end, timeoutSeconds, TimeUnit.SECONDS);
        if (finished.get()) {
            cancel(heartbeat);
            cancel(timeout);
        }
    }

    @Override
    public boolean offer(WatchEvent event) {
        if (ending) {
            return true;
        }
        if (queued.get() >= limit) {
            // called under the cache's lock: the socket is closed on a writer thread
            if (overflowed.compareAndSet(false, true)) {
                writers.execute(() -> finish(new java.io.IOException("watch of " + type.groupResource()
                        + " closed: the client did not read " + maxQueued + " queued events")));
            }
            return false;
        }
        enqueue(event);
        return true;
    }

    @Override
    public void terminate(String reason, boolean expired) {
        if (overflowed.get()) {
            return; // already being cut off
        }
        if (expired) {
            Status gone = Status.failure(410, "Expired", reason);
            enqueue(WatchEvent.raw(WatchEvent.Type.ERROR, Json.bytes(gone.toJson()), 0));
        }
        end();
    }

    /** Ends the stream cleanly after what is already queued. */
    void end() {
        if (!ending) {
            ending = true;
            enqueue(END);
        }
    }

    private void enqueue(Object item) {
        queue.add(item);
        queued.incrementAndGet();
        schedule();
    }

    private void schedule() {
        if (!finished.get() && writing.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        List<byte[]> batch = new ArrayList<>();
        int size = 0;
        boolean last = false;
        boolean flush = false;
        boolean heartbeat = false;
        Object item;
        while (size < BATCH_BYTES && (item = queue.poll()) != null) {
            queued.decrementAndGet();
            if (item == END) {
                last = true;
                break;
            }
            if (item == FLUSH) {
                flush = true;
            } else if (item == HEARTBEAT) {
                heartbeat = true;
            } else {
                byte[] event = render((WatchEvent) item);
                batch.add(event);
                size += event.length;
            }
        }
        if (last) {
            output.write(batch, false, true, Callback.from(() -> finish(null), x -> finish(null)));
            return;
        }
        if (batch.isEmpty() && !flush && !heartbeat) {
            written();
            return;
        }
        output.write(batch, heartbeat, false, Callback.from(this::written, this::failed));
    }

    private byte[] render(WatchEvent event) {
        if (event.type() == WatchEvent.Type.BOOKMARK) {
            String json = "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"" + type.kind() + "\",\"apiVersion\":\""
                    + type.apiVersion() + "\",\"metadata\":{\"resourceVersion\":\"" + event.revision() + "\"}}}\n";
            return json.getBytes(StandardCharsets.UTF_8);
        }
        if (event.type() == WatchEvent.Type.ERROR) {
            return event.line();
        }
        return renderer.render(event);
    }

    private void written() {
        writing.set(false);
        if (!queue.isEmpty()) {
            schedule();
        }
    }

    private void failed(Throwable failure) {
        // the client went away: nothing to report, just stop
        finish(null);
    }

    /** Ends the watch once: cleanly, or (with {@code abort}) by dropping the connection. */
    private void finish(Throwable abort) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        ending = true;
        cancel(heartbeat);
        cancel(timeout);
        close(registration);
        queue.clear();
        queued.set(0);
        onFinish.run();
        if (abort != null) {
            output.abort(abort);
        } else {
            output.finished();
        }
    }

    void abort() {
        finish(null);
    }

    private static void close(AutoCloseable registration) {
        if (registration != null) {
            try {
                registration.close();
            } catch (Exception ignored) {
                // closing a registration only removes it from a list
            }
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
