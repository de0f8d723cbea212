package io.kube4j.common.client.informer;

import io.kube4j.common.api.KubeObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * An informer's local cache: objects by {@code namespace/name} key plus secondary indexes
 * (by namespace always; others such as pods by node added with {@link #addIndex}). Thread-safe;
 * the informer is the only writer.
 */
public final class Indexer<T extends KubeObject> {

    public static final String NAMESPACE = "namespace";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, T> items = new HashMap<>();
    private final Map<String, Function<T, Collection<String>>> indexFunctions = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();

    public Indexer() {
        addIndex(NAMESPACE, o -> List.of(o.metadata().namespace()));
    }

    /** Adds an index computed for every object, e.g. {@code pod -> List.of(pod.nodeName())}. */
    public void addIndex(String name, Function<T, Collection<String>> function) {
        lock.writeLock().lock();
        try {
            indexFunctions.put(name, function);
            Map<String, Set<String>> index = new HashMap<>();
            indexes.put(name, index);
            items.forEach((key, object) -> add(index, function, key, object));
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<T> get(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(items.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<T> list() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(items.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<String> keys() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(items.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Objects whose index {@code name} has {@code value}. */
    public List<T> byIndex(String name, String value) {
        lock.readLock().lock();
        try {
            Map<String, Set<String>> index = indexes.get(name);
            if (index == null) {
                throw new IllegalArgumentException("no index named " + name);
            }
            List<T> out = new ArrayList<>();
            for (String key : index.getOrDefault(value, Set.of())) {
                out.add(items.get(key));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return items.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Stores {@code object}; returns the previous object under its key, or null. */
    T put(T object) {
        String key = object.key();
        lock.writeLock().lock();
        try {
            T old = items.put(key, object);
            if (old != null) {
                unindex(key, old);
            }
            indexFunctions.forEach((name, f) -> add(indexes.get(name), f, key, object));
            return old;
        } finally {
            lock.writeLock().unlock();
        }
    }

    T remove(String key) {
        lock.writeLock().lock();
        try {
            T old = items.remove(key);
            if (old != null) {
                unindex(key, old);
            }
            return old;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void unindex(String key, T object) {
        indexFunctions.forEach((name, f) -> {
            Map<String, Set<String>> index = indexes.get(name);
            for (String value : f.apply(object)) {
                Set<String> keys = index.get(value);
                if (keys != null) {
                    keys.remove(key);
                    if (keys.isEmpty()) {
                        index.remove(value);
                    }
                }
            }
        });
    }

    private void add(Map<String, Set<String>> index, Function<T, Collection<String>> f, String key, T object) {
        for (String value : f.apply(object)) {
            index.computeIfAbsent(value, v -> new HashSet<>()).add(key);
        }
    }
}
