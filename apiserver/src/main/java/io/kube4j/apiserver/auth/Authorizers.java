package io.kube4j.apiserver.auth;

import io.kube4j.apiserver.admission.AdmissionPlugin;
import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.apiserver.server.ApiServerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the authorizer chain of {@code --authorization-mode} and what goes with it (RBAC escalation checks). */
public final class Authorizers {

    private static final Logger LOG = LoggerFactory.getLogger(Authorizers.class);
    public static final String RBAC = "RBAC";

    /**
     * What authorizers read: the resource table and the watch caches (RBAC objects, pods by node),
     * whose keys start with {@code etcdPrefix}. {@code rbac} is shared by the RBAC authorizer, the
     * escalation check and the access reviews, so its index is built once per change.
     */
    public record Dependencies(ResourceTypes types, Map<ResourceType, WatchCache> caches, String etcdPrefix,
                               ApiServerConfig.Security security, RbacRuleResolver rbac) {

        public static Dependencies of(ResourceTypes types, Map<ResourceType, WatchCache> caches, String etcdPrefix,
                                      ApiServerConfig.Security security) {
            return new Dependencies(types, caches, etcdPrefix, security, RbacRuleResolver.fromCaches(types, caches));
        }
    }

    private Authorizers() {
    }

    /**
     * The chain of {@code modes}, asked in order.
     *
     * @throws IOException              when the ABAC policy file cannot be read or has a bad line
     * @throws IllegalArgumentException for an unknown mode, or ABAC without a policy file
     */
    public static Authorizer build(List<String> modes, Dependencies dependencies) throws IOException {
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("at least one authorization mode is required");
        }
        List<Authorizer> chain = new ArrayList<>();
        for (String mode : modes) {
            switch (mode.trim()) {
                case "AlwaysAllow" -> {
                    LOG.warn("authorization mode AlwaysAllow: every authenticated request is allowed (tests only)");
                    chain.add(Authorizer.ALWAYS_ALLOW);
                }
                case "AlwaysDeny" -> chain.add(attributes -> Authorizer.Decision.deny("AlwaysDeny"));
                case RBAC -> chain.add(new RbacAuthorizer(dependencies.rbac()));
                case "Node" -> chain.add(node(dependencies));
                case "ABAC" -> {
                    if (dependencies.security().authorizationPolicyFile() == null) {
                        throw new IllegalArgumentException("authorization mode ABAC needs --authorization-policy-file");
                    }
                    chain.add(AbacAuthorizer.load(dependencies.security().authorizationPolicyFile()));
                }
                default -> throw new IllegalArgumentException("unknown authorization mode \"" + mode
                        + "\" (supported: Node, RBAC, ABAC, AlwaysAllow, AlwaysDeny)");
            }
        }
        return new AuthorizationChain(chain);
    }

    /** Admission plugins that come with the modes: {@code RBACEscalation} when RBAC is enabled. */
    public static List<AdmissionPlugin> admissionPlugins(List<String> modes, Dependencies dependencies) {
        return rbacEnabled(modes) ? List.of(new RbacEscalationCheck(dependencies.rbac())) : List.of();
    }

    public static boolean rbacEnabled(List<String> modes) {
        return modes.stream().anyMatch(mode -> mode.trim().equals(RBAC));
    }

    private static Authorizer node(Dependencies dependencies) {
        ResourceType pods = dependencies.types().find("", "v1", "pods").orElseThrow();
        return new NodeAuthorizer(new NodeAuthorizerPods(dependencies.caches().get(pods), pods, dependencies.etcdPrefix()));
    }
}
