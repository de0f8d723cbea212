package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.cache.CachedObject;
import io.kube4j.apiserver.cache.ObjectCodec;
import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ListOptions;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.common.api.meta.StatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What admission plugins read of other objects: the watch cache first (cheap, possibly a moment
 * behind), etcd to confirm a miss, so an object created just before (a namespace, a service
 * account) is always found. Objects returned are private copies. Thread-safe.
 */
final class ClusterReader {

    private final ResourceTypes types;
    private final Supplier<GenericStore> store;
    private final Map<ResourceType, WatchCache> caches;

    ClusterReader(ResourceTypes types, Supplier<GenericStore> store, Map<ResourceType, WatchCache> caches) {
        this.types = types;
        this.store = store;
        this.caches = caches;
    }

    ResourceType type(String group, String version, String plural) {
        return types.find(group, version, plural)
                .orElseThrow(() -> new IllegalStateException("resource " + plural + " is not served"));
    }

    ResourceTypes types() {
        return types;
    }

    GenericStore store() {
        return store.get();
    }

    /** The object from the cache, or from etcd when the cache does not have it (yet); empty when neither has it. */
    Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        Optional<ObjectNode> cached = cached(type, namespace, name);
        if (cached.isPresent()) {
            return cached;
        }
        try {
            return Optional.of(store().get(type, namespace, name));
        } catch (StatusException e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The object as the watch cache holds it now; empty when the cache does not have it (it may be a moment behind). */
    Optional<ObjectNode> cached(ResourceType type, String namespace, String name) {
        WatchCache cache = caches.get(type);
        if (cache == null) {
            return Optional.empty();
        }
        CachedObject object = cache.get(type.key(store().root(), namespace, name));
        return object == null ? Optional.empty() : Optional.of(ObjectCodec.decode(object.json(), object.revision()));
    }

    /** Every object of {@code type} in {@code namespace}, as the watch cache holds them now. */
    List<ObjectNode> list(ResourceType type, String namespace) {
        List<ObjectNode> objects = new ArrayList<>();
        WatchCache cache = caches.get(type);
        if (cache == null) {
            for (CachedObject object : store().list(type, namespace, ListOptions.ALL, o -> true).items()) {
                objects.add(ObjectCodec.decode(object.json(), object.revision()));
            }
            return objects;
        }
        String prefix = type.namespacePrefix(store().root(), namespace);
        for (CachedObject object : cache.list(prefix, o -> true).items()) {
            objects.add(ObjectCodec.decode(object.json(), object.revision()));
        }
        return objects;
    }
}
