package io.kube4j.common.client.informer;

import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One informer per resource type per process, however many controllers ask for it: they share
 * its cache and its single watch. Informers created after {@link #start()} start at once.
 */
public final class InformerFactory implements AutoCloseable {

    private final ApiClient api;
    private final Duration resync;
    private final Map<Kind<?>, SharedInformer<?>> informers = new LinkedHashMap<>();
    private boolean started;

    public InformerFactory(ApiClient api, Duration resync) {
        this.api = api;
        this.resync = resync;
    }

    /** The shared informer of every object of {@code kind}, in all namespaces. */
    @SuppressWarnings("unchecked")
    public synchronized <T extends KubeObject> SharedInformer<T> informer(Kind<T> kind) {
        return (SharedInformer<T>) informers.computeIfAbsent(kind, k -> {
            SharedInformer<T> informer = new SharedInformer<>(new ResourceClient<>(api, kind), "", ListRequest.ALL, resync);
            if (started) {
                informer.start();
            }
            return informer;
        });
    }

    public synchronized void start() {
        started = true;
        informers.values().forEach(SharedInformer::start);
    }

    /** Waits until every informer has synced; false on timeout. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SharedInformer<?> informer : snapshot().values()) {
            if (!informer.awaitSynced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    private synchronized Map<Kind<?>, SharedInformer<?>> snapshot() {
        return new LinkedHashMap<>(informers);
    }

    @Override
    public void close() {
        snapshot().values().forEach(SharedInformer::close);
    }
}
