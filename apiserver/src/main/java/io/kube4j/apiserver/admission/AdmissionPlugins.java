package io.kube4j.apiserver.admission;

import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the admission chain of {@code --enable-admission-plugins}. */
public final class AdmissionPlugins {

    /**
     * What plugins may use. {@code store} is a supplier because the store is built with the chain;
     * call it only while handling a request.
     */
    public record Dependencies(ResourceTypes types, Supplier<GenericStore> store, Map<ResourceType, WatchCache> caches,
                               Clock clock) {
    }

    private AdmissionPlugins() {
    }

    public static AdmissionChain build(List<String> names, Dependencies dependencies) {
        List<AdmissionPlugin> plugins = new ArrayList<>();
        for (String name : names) {
            throw new IllegalArgumentException("unknown admission plugin \"" + name + "\"");
        }
        return new AdmissionChain(plugins);
    }
}
