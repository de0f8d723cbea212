package io.kube4j.apiserver.auth;

import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.apiserver.server.ApiServerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the authorizer chain of {@code --authorization-mode}. */
public final class Authorizers {

    private static final Logger LOG = LoggerFactory.getLogger(Authorizers.class);

    /** What authorizers may read: the resource table, the store and the watch caches (RBAC objects, pods by node). */
    public record Dependencies(ResourceTypes types, GenericStore store, Map<ResourceType, WatchCache> caches,
                               ApiServerConfig.Security security) {
    }

    private Authorizers() {
    }

    public static Authorizer build(List<String> modes, Dependencies dependencies) throws IOException {
        List<Authorizer> chain = new ArrayList<>();
        for (String mode : modes) {
            switch (mode.trim()) {
                case "AlwaysAllow" -> {
                    LOG.warn("authorization mode AlwaysAllow: every authenticated request is allowed (tests only)");
                    chain.add(Authorizer.ALWAYS_ALLOW);
                }
                case "AlwaysDeny" -> chain.add(attributes -> Authorizer.Decision.deny("AlwaysDeny"));
                default -> throw new IllegalArgumentException("unknown authorization mode \"" + mode
                        + "\" (supported: AlwaysAllow, AlwaysDeny)");
            }
        }
        return new AuthorizationChain(chain);
    }
}
