package io.kube4j.scheduler.bench;

import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.common.client.informer.SharedInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches the benchmark's pods through an informer, as scheduler_perf does: notes when each pod
 * is first seen with {@code spec.nodeName} set, and samples the number of bound pods every second.
 */
final class BoundPodTracker implements AutoCloseable {

    private final SharedInformer<Pod> informer;
    private final Map<String, Long> boundAt = new ConcurrentHashMap<>();
    private final AtomicInteger bound = new AtomicInteger();
    /** (System.nanoTime, bound count) pairs, one a second. */
    private final List<long[]> samples = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });

    BoundPodTracker(ApiClient api, String namespace) {
        this.informer = new SharedInformer<>(new ResourceClient<>(api, Pod.KIND), namespace, ListRequest.ALL, Duration.ZERO);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                seen(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                seen(newPod);
            }
        });
    }

    private void seen(Pod pod) {
        if (!pod.nodeName().isEmpty() && boundAt.putIfAbsent(pod.metadata().name(), System.nanoTime()) == null) {
            bound.incrementAndGet();
        }
    }

    void start() throws InterruptedException {
        informer.start();
        if (!informer.awaitSynced(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the benchmark's pod informer did not sync");
        }
        sampler.scheduleAtFixedRate(() -> {
            synchronized (samples) {
                samples.add(new long[] {System.nanoTime(), bound.get()});
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    int bound() {
        return bound.get();
    }

    /** When the pod was first seen bound (System.nanoTime), or null. */
    Long boundAt(String pod) {
        return boundAt.get(pod);
    }

    /**
     * The binding rate (pods/s) of each sampling interval, from the first in which any pod was bound
     * to the one in which the last of {@code total} was. The interval still running when this is
     * called counts for its actual length (folded into the one before when under 100 ms).
     */
    double[] throughputSamples(int total) {
        List<long[]> points;
        synchronized (samples) {
            points = new ArrayList<>(samples);
        }
        points.add(new long[] {System.nanoTime(), bound.get()});
        List<Double> rates = new ArrayList<>();
        long[] from = points.get(0);
        for (int i = 1; i < points.size(); i++) {
            long[] to = points.get(i);
            if (from[1] >= total) {
                break;
            }
            boolean last = i == points.size() - 1;
            if (last && to[0] - from[0] < 100_000_000L && !rates.isEmpty()) {
                long[] before = points.get(i - 2);
                rates.set(rates.size() - 1, (to[1] - before[1]) / ((to[0] - before[0]) / 1e9));
                break;
            }
            if (to[1] > 0) {
                rates.add((to[1] - from[1]) / ((to[0] - from[0]) / 1e9));
            }
            from = to;
        }
        return rates.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        informer.close();
    }
}
