package io.kube4j.apiserver.auth;

import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the RBAC objects currently grant, read from the watch caches of roles, cluster roles and
 * their bindings (never from etcd per request). Answers reflect the caches: a binding written a
 * moment ago counts once its watch event has arrived. Thread-safe.
 */
public interface RbacRuleResolver {

    /**
     * The binding that grants {@code request}, described as Kubernetes' RBAC authorizer does
     * ({@code RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to Group "z"}), or empty.
     */
    Optional<String> grant(RequestAttributes request);

    /**
     * The rules {@code user} holds: those of ClusterRoleBindings and, when {@code namespace} is not
     * empty, those of that namespace's RoleBindings.
     */
    List<RbacRule> rulesFor(UserInfo user, String namespace);

    /**
     * The rules of the role a binding refers to: a ClusterRole by name, or a Role in {@code namespace}.
     *
     * @return empty when the role does not exist
     */
    Optional<List<RbacRule>> roleRules(String roleKind, String roleName, String namespace);

    /** A resolver over the watch caches of the four RBAC types of {@code types}. */
    static RbacRuleResolver fromCaches(ResourceTypes types, Map<ResourceType, WatchCache> caches) {
        return new RbacPolicy(types, caches);
    }
}
