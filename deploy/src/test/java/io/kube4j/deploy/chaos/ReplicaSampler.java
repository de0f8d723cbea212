package io.kube4j.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.informer.SharedInformer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Counts the active pods (not being deleted, not finished) of each ReplicaSet in the watch cache every 200 ms. */
final class ReplicaSampler implements Runnable {
    private final SharedInformer<Pod> informer;
    private final String ns;
    final Map<String, String> names = new ConcurrentHashMap<>();
    final Map<String, Integer> max = new ConcurrentHashMap<>();
    volatile int samples;
    private volatile boolean stopped;

    ReplicaSampler(SharedInformer<Pod> informer, String ns) {
        this.informer = informer;
        this.ns = ns;
    }

    @Override
    public void run() {
        while (!stopped) {
            active().forEach((rs, n) -> max.merge(rs, n, Math::max));
            samples++;
            try {
                Thread.sleep(200); // the sampling period, not synchronisation
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() {
        stopped = true;
    }

    Map<String, Integer> active() {
        Map<String, Integer> counts = new HashMap<>();
        for (Pod pod : informer.lister().list(ns)) {
            String phase = pod.phase();
            if (pod.metadata().isBeingDeleted() || "Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            for (JsonNode owner : pod.metadata().json().path("ownerReferences")) {
                if (owner.path("controller").asBoolean(false)) {
                    counts.merge(owner.path("uid").asText(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    boolean activeNow(Map<String, Integer> wanted) {
        Map<String, Integer> now = active();
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(now.get(e.getKey())));
    }

    String over(Map<String, Integer> wanted) {
        return wanted.entrySet().stream().filter(e -> max.getOrDefault(e.getKey(), 0) > e.getValue())
                .map(e -> names.get(e.getKey()) + " " + max.get(e.getKey()) + "/" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    String maxima(Map<String, Integer> wanted) {
        Map<String, String> shown = new LinkedHashMap<>();
        wanted.forEach((uid, n) -> shown.put(names.get(uid), max.getOrDefault(uid, 0) + "/" + n));
        return new TreeMap<>(shown).toString();
    }
}
