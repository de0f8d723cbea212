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

    /** The default of {@code --enable-admission-plugins}, as the flag spells it. */
    public static final String DEFAULT_FLAG =
            "NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultTolerationSeconds,NodeRestriction,ResourceQuota";

    /** The plugins enabled by default, in the order they run. */
    public static final List<String> DEFAULT = List.of(DEFAULT_FLAG.split(","));

    /**
     * What plugins may use. {@code store} is a supplier because the store is built with the chain;
     * call it only while handling a request.
     */
    public record Dependencies(ResourceTypes types, Supplier<GenericStore> store, Map<ResourceType, WatchCache> caches,
                               Clock clock) {
    }

    private AdmissionPlugins() {
    }

    /**
     * The chain of the named plugins, in the order given.
     *
     * @throws IllegalArgumentException naming the first unknown plugin and the known ones
     */
    public static AdmissionChain build(List<String> names, Dependencies dependencies) {
        ClusterReader reader = new ClusterReader(dependencies.types(), dependencies.store(), dependencies.caches());
        List<AdmissionPlugin> plugins = new ArrayList<>();
        for (String name : names) {
            plugins.add(switch (name.trim()) {
                case "NamespaceLifecycle" -> new NamespaceLifecycle(reader);
                case "LimitRanger" -> new LimitRanger(reader);
                case "ServiceAccount" -> new ServiceAccountAdmission(reader);
                case "DefaultTolerationSeconds" -> new DefaultTolerationSeconds();
                case "NodeRestriction" -> new NodeRestriction(reader);
                case "ResourceQuota" -> new ResourceQuotaAdmission(reader, dependencies.clock());
                default -> throw new IllegalArgumentException("unknown admission plugin \"" + name
                        + "\" (supported: " + String.join(", ", DEFAULT) + ")");
            });
        }
        return new AdmissionChain(plugins);
    }
}
