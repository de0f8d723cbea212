package io.kube4j.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.Watch;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches the pods of one namespace and records, per pod name, when this process first saw it bound
 * to a node and first saw it Running (System.nanoTime()).
 */
final class PodTracker implements AutoCloseable {

    final Map<String, Long> bound = new ConcurrentHashMap<>();
    final Map<String, Long> running = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Watch watch;

    private PodTracker(ApiClient api, String namespace) {
        String rv = api.get("/api/v1/namespaces/" + namespace + "/pods?limit=1").path("metadata").path("resourceVersion").asText();
        watch = api.watch("/api/v1/namespaces/" + namespace + "/pods?watch=true&allowWatchBookmarks=false&resourceVersion=" + rv,
                this::onEvent, error -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
    }

    static PodTracker watch(ApiClient api, String namespace) {
        return new PodTracker(api, namespace);
    }

    private void onEvent(JsonNode event) {
        long now = System.nanoTime();
        JsonNode pod = event.path("object");
        String name = pod.path("metadata").path("name").asText();
        if (name.isEmpty()) {
            return;
        }
        if (!pod.path("spec").path("nodeName").asText().isEmpty()) {
            bound.putIfAbsent(name, now);
        }
        if ("Running".equals(pod.path("status").path("phase").asText())) {
            running.putIfAbsent(name, now);
        }
    }

    /** Waits until {@code count} pods were seen bound (or Running); throws with what was seen at the deadline. */
    void awaitBound(int count, Duration deadline) {
        await(bound, count, deadline, "bound");
    }

    void awaitRunning(int count, Duration deadline) {
        await(running, count, deadline, "Running");
    }

    private void await(Map<String, Long> seen, int count, Duration deadline, String what) {
        if (!Probes.until(deadline, () -> seen.size() >= count || failure.get() != null)) {
            throw new BenchException("only " + seen.size() + " of " + count + " pods " + what + " within " + deadline);
        }
        if (failure.get() != null && seen.size() < count) {
            throw new BenchException("the pod watch ended: " + failure.get(), failure.get());
        }
    }

    @Override
    public void close() {
        watch.close();
    }
}
