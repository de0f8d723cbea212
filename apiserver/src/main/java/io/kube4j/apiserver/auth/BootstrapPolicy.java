package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.apiserver.registry.WriteContext;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default RBAC policy, written when the apiserver starts with RBAC: the roles of
 * {@link BootstrapPolicyRoles} and the ClusterRoleBindings that give them to the cluster's
 * identities. Objects that exist are left alone, so an operator's changes survive restarts.
 */
public final class BootstrapPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapPolicy.class);
    private static final String GROUP = "rbac.authorization.k8s.io";

    private BootstrapPolicy() {
    }

    /** Role name → subjects of the ClusterRoleBinding of the same name. */
    static Map<String, List<RbacSubject>> clusterRoleBindings() {
        Map<String, List<RbacSubject>> bindings = new LinkedHashMap<>();
        bindings.put("cluster-admin", List.of(RbacSubject.group("system:masters")));
        bindings.put("system:discovery", List.of(RbacSubject.group(UserInfo.AUTHENTICATED)));
        bindings.put("system:basic-user", List.of(RbacSubject.group(UserInfo.AUTHENTICATED)));
        bindings.put("system:public-info-viewer",
                List.of(RbacSubject.group(UserInfo.AUTHENTICATED), RbacSubject.group("system:unauthenticated")));
        bindings.put("system:monitoring", List.of(RbacSubject.group("system:monitoring")));
        bindings.put("system:kube-scheduler", List.of(RbacSubject.user("system:kube-scheduler")));
        bindings.put("system:kube-controller-manager", List.of(RbacSubject.user("system:kube-controller-manager")));
        bindings.put("system:node-proxier", List.of(RbacSubject.user("system:kube-proxy")));
        bindings.put("system:node", List.of(RbacSubject.group(NodeAuthorizer.NODES_GROUP)));
        return bindings;
    }

    /**
     * Creates every missing bootstrap ClusterRole and ClusterRoleBinding.
     *
     * @return how many objects were created
     */
    public static int ensure(GenericStore store, ResourceTypes types) {
        ResourceType roles = types.find(GROUP, "v1", "clusterroles").orElseThrow();
        ResourceType bindings = types.find(GROUP, "v1", "clusterrolebindings").orElseThrow();
        int created = 0;
        for (ObjectNode role : clusterRoleObjects()) {
            created += createIfAbsent(store, roles, role);
        }
        for (ObjectNode binding : clusterRoleBindingObjects()) {
            created += createIfAbsent(store, bindings, binding);
        }
        if (created > 0) {
            LOG.info("created {} bootstrap RBAC objects", created);
        }
        return created;
    }

    /** The ClusterRoles as stored. */
    static List<ObjectNode> clusterRoleObjects() {
        List<ObjectNode> objects = new ArrayList<>();
        BootstrapPolicyRoles.clusterRoles().forEach((name, rules) -> {
            ObjectNode object = object("ClusterRole", name);
            ArrayNode array = object.putArray("rules");
            rules.forEach(rule -> array.add(rule.toJson()));
            objects.add(object);
        });
        return objects;
    }

    /** The ClusterRoleBindings as stored, each named after its ClusterRole. */
    static List<ObjectNode> clusterRoleBindingObjects() {
        List<ObjectNode> objects = new ArrayList<>();
        clusterRoleBindings().forEach((name, subjects) -> {
            ObjectNode object = object("ClusterRoleBinding", name);
            object.putObject("roleRef").put("apiGroup", GROUP).put("kind", "ClusterRole").put("name", name);
            ArrayNode array = object.putArray("subjects");
            for (RbacSubject subject : subjects) {
                array.addObject().put("apiGroup", GROUP).put("kind", subject.kind()).put("name", subject.name());
            }
            objects.add(object);
        });
        return objects;
    }

    private static ObjectNode object(String kind, String name) {
        ObjectNode object = Json.object().put("apiVersion", GROUP + "/v1").put("kind", kind);
        ObjectNode metadata = object.putObject("metadata").put("name", name);
        metadata.putObject("labels").put("kubernetes.io/bootstrapping", "rbac-defaults");
        metadata.putObject("annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
        return object;
    }

    private static int createIfAbsent(GenericStore store, ResourceType type, ObjectNode object) {
        String name = object.path("metadata").path("name").asText();
        String key = type.key(store.root(), "", name);
        if (!store.cache(type).list(key, o -> o.key().equals(key)).items().isEmpty()) {
            return 0;
        }
        try {
            store.create(type, "", object, WriteContext.SYSTEM);
            return 1;
        } catch (StatusException e) {
            if (e.code() != 409) {
                throw e;
            }
            return 0;
        }
    }
}
