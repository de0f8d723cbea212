package io.kube4j.scheduler.framework;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Data shared by the plugins within one scheduling cycle of one pod, so that per-pod work (say,
 * parsing its node affinity) is done once rather than once per node. A fresh state is made for
 * every cycle. Not thread-safe: a cycle runs on the scheduling thread only.
 */
public final class CycleState {

    /** A typed slot; plugins keep their keys as constants. */
    public record Key<T>(String name) {
    }

    private final Map<Key<?>, Object> values = new HashMap<>();

    /** The value under {@code key}, computed by {@code compute} on first use in this cycle. */
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Key<T> key, Supplier<T> compute) {
        Object value = values.get(key);
        if (value == null) {
            value = compute.get();
            values.put(key, value);
        }
        return (T) value;
    }
}
