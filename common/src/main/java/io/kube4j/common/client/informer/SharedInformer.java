package io.kube4j.common.client.informer;

import io.kube4j.common.api.KubeObject;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ObjectList;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.WatchEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a local cache of one resource type in step with the apiserver and tells handlers what
 * changed. It lists, then watches from the list's resourceVersion; when the watch ends it watches
 * again from the last version seen, and when that version is too old (410) it lists again and
 * tells handlers only the differences. Updates that do not change an object's resourceVersion
 * are dropped (except periodic resyncs).
 *
 * <p>Threading: one reflector thread talks to the server; cache changes are applied there, then
 * handed to a single handler thread, so every handler sees every change in order and never
 * concurrently with itself. Handlers must not mutate the objects they get.
 */
public final class SharedInformer<T extends KubeObject> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedInformer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ResourceClient<T> client;
    private final String namespace;
    private final ListRequest selectors;
    private final Duration resyncPeriod;
    private final Indexer<T> indexer = new Indexer<>();
    private final List<ResourceEventHandler<T>> handlers = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher;
    private final Thread reflector;
    private final CountDownLatch synced = new CountDownLatch(1);
    private final AtomicReference<AutoCloseable> currentWatch = new AtomicReference<>();
    private volatile boolean running;
    private volatile String lastResourceVersion = "";

    /**
     * @param namespace    "" for all namespaces
     * @param selectors    label/field selectors limiting what is cached
     * @param resyncPeriod zero for none
     */
    public SharedInformer(ResourceClient<T> client, String namespace, ListRequest selectors, Duration resyncPeriod) {
        this.client = client;
        this.namespace = namespace;
        this.selectors = selectors;
        this.resyncPeriod = resyncPeriod;
        String name = "informer-" + client.kind().plural();
        this.dispatcher = Executors.newSingleThreadExecutor(r -> daemon(r, name + "-handlers"));
        this.reflector = daemon(this::run, name + "-reflector");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Adds a handler. Added after start, it is first told of every cached object as an add, on
     * the handler thread, before any later change.
     */
    public void addEventHandler(ResourceEventHandler<T> handler) {
        dispatcher.execute(() -> {
            handlers.add(handler);
            for (T object : indexer.list()) {
                safely(() -> handler.onAdd(object));
            }
        });
    }

    public Indexer<T> indexer() {
        return indexer;
    }

    public Lister<T> lister() {
        return new Lister<>(indexer);
    }

    public synchronized void start() {
        if (!running) {
            running = true;
            reflector.start();
        }
    }

    /** True once the first list has been applied (and handed to handlers). */
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The resourceVersion of the newest change the cache has applied. */
    public String lastSyncResourceVersion() {
        return lastResourceVersion;
    }

    private void run() {
        long backoff = 500;
        boolean needList = true;
        long nextResync = resyncAt();
        while (running) {
            try {
                if (needList) {
                    relist();
                    needList = false;
                }
                WatchOutcome outcome = watchOnce(nextResync);
                if (outcome == WatchOutcome.FAILED) {
                    backoff = pause(backoff);
                    continue;
                }
                backoff = 500;
                if (outcome == WatchOutcome.EXPIRED) {
                    needList = true;
                } else if (outcome == WatchOutcome.RESYNC) {
                    resync();
                    nextResync = resyncAt();
                }
            } catch (ApiException e) {
                if (!running) {
                    return;
                }
                needList = needList || e.code() == 410;
                LOG.warn("informer {}: {} (retrying in {} ms)", client.kind().plural(), e.getMessage(), backoff);
                backoff = pause(backoff);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("informer {}: {} (relisting in {} ms)", client.kind().plural(), e.toString(), backoff);
                needList = true;
                backoff = pause(backoff);
            }
        }
    }

    private long resyncAt() {
        return resyncPeriod.isZero() ? Long.MAX_VALUE : System.nanoTime() + resyncPeriod.toNanos();
    }

    private long pause(long backoff) {
        try {
            Thread.sleep(backoff); // backoff between reconnects, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.min(backoff * 2, MAX_BACKOFF.toMillis());
    }

    /** Lists everything and makes the cache equal to it, telling handlers the differences. */
    private void relist() {
        ObjectList<T> list = client.listAll(namespace, selectors.withResourceVersion("").withLimit(500));
        Map<String, T> fresh = new HashMap<>();
        for (T object : list.items()) {
            fresh.put(object.key(), object);
        }
        for (String key : indexer.keys()) {
            if (!fresh.containsKey(key)) {
                T old = indexer.remove(key);
                if (old != null) {
                    dispatch(h -> h.onDelete(old));
                }
            }
        }
        for (T object : fresh.values()) {
            apply(object);
        }
        lastResourceVersion = list.resourceVersion();
        if (!hasSynced()) {
            dispatcher.execute(synced::countDown);
        }
    }

    private void apply(T object) {
        T old = indexer.put(object);
        if (old == null) {
            dispatch(h -> h.onAdd(object));
        } else if (!old.metadata().resourceVersion().equals(object.metadata().resourceVersion())) {
            dispatch(h -> h.onUpdate(old, object));
        }
    }

    private enum WatchOutcome { ENDED, EXPIRED, RESYNC, FAILED }

    private WatchOutcome watchOnce(long resyncDeadline) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<WatchOutcome> outcome = new AtomicReference<>(WatchOutcome.ENDED);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ListRequest request = selectors.withResourceVersion(lastResourceVersion).withBookmarks(true)
                .withTimeoutSeconds(300 + (int) (Math.random() * 300));
        AutoCloseable watch = client.watch(namespace, request, event -> {
            switch (event.type()) {
                case ADDED, MODIFIED -> {
                    apply(event.object());
                    lastResourceVersion = event.resourceVersion();
                }
                case DELETED -> {
                    T old = indexer.remove(event.object().key());
                    lastResourceVersion = event.resourceVersion();
                    T last = old != null ? old : event.object();
                    dispatch(h -> h.onDelete(last));
                }
                case BOOKMARK -> lastResourceVersion = event.resourceVersion();
                case ERROR -> {
                    if (event.raw().path("code").asInt() == 410) {
                        outcome.set(WatchOutcome.EXPIRED);
                    }
                    closeQuietly(currentWatch.get());
                }
            }
        }, error -> {
            failure.set(error);
            ended.countDown();
        });
        currentWatch.set(watch);
        try {
            long waitNanos = resyncDeadline == Long.MAX_VALUE ? Long.MAX_VALUE : resyncDeadline - System.nanoTime();
            if (!ended.await(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
                closeQuietly(watch);
                ended.await(10, TimeUnit.SECONDS);
                return WatchOutcome.RESYNC;
            }
        } finally {
            closeQuietly(watch);
        }
        Throwable error = failure.get();
        if (error instanceof ApiException e && e.code() == 410) {
            return WatchOutcome.EXPIRED;
        }
        if (error != null && running && outcome.get() != WatchOutcome.EXPIRED) {
            LOG.debug("informer {}: watch ended: {}", client.kind().plural(), error.toString());
            return WatchOutcome.FAILED;
        }
        return outcome.get();
    }

    private void resync() {
        for (T object : indexer.list()) {
            dispatch(h -> h.onUpdate(object, object));
        }
    }

    private void dispatch(java.util.function.Consumer<ResourceEventHandler<T>> call) {
        dispatcher.execute(() -> {
            for (ResourceEventHandler<T> handler : handlers) {
                safely(() -> call.accept(handler));
            }
        });
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("informer {} handler failed", client.kind().plural(), e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a watch only stops reading
            }
        }
    }

    @Override
    public void close() {
        running = false;
        closeQuietly(currentWatch.get());
        reflector.interrupt();
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
