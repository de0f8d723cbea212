package io.kube4j.common.client.informer;

import io.kube4j.common.api.KubeObject;
import io.kube4j.common.selector.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an informer's cache. Every object returned is a deep copy, so callers may change it
 * (say, before an update) without corrupting the cache.
 */
public final class Lister<T extends KubeObject> {

    private final Indexer<T> indexer;

    public Lister(Indexer<T> indexer) {
        this.indexer = indexer;
    }

    /** @param namespace "" for cluster-scoped objects */
    @SuppressWarnings("unchecked")
    public Optional<T> get(String namespace, String name) {
        String key = namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
        return indexer.get(key).map(o -> (T) o.deepCopy());
    }

    /** Objects in {@code namespace} ("" = all) whose labels match {@code selector}. */
    @SuppressWarnings("unchecked")
    public List<T> list(String namespace, LabelSelector selector) {
        List<T> source = namespace == null || namespace.isEmpty()
                ? indexer.list() : indexer.byIndex(Indexer.NAMESPACE, namespace);
        List<T> out = new ArrayList<>();
        for (T object : source) {
            if (selector.matches(object.metadata().labels())) {
                out.add((T) object.deepCopy());
            }
        }
        return out;
    }

    public List<T> list(String namespace) {
        return list(namespace, LabelSelector.everything());
    }

    @SuppressWarnings("unchecked")
    public List<T> byIndex(String index, String value) {
        List<T> out = new ArrayList<>();
        for (T object : indexer.byIndex(index, value)) {
            out.add((T) object.deepCopy());
        }
        return out;
    }
}
