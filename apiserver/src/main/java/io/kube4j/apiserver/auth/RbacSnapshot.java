package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RBAC objects at one moment, indexed for authorization: each binding already carries the
 * rules of the role it refers to, and RoleBindings are grouped by namespace. Immutable.
 */
final class RbacSnapshot implements RbacRuleResolver {

    /** A binding with its role's rules resolved (no rules when the role does not exist). */
    record Binding(String kind, String name, String roleKind, String roleName, List<RbacSubject> subjects,
                   List<RbacRule> rules) {

        boolean appliesTo(UserInfo user) {
            for (RbacSubject subject : subjects) {
                if (subject.matches(user)) {
                    return true;
                }
            }
            return false;
        }

        String grantReason(UserInfo user) {
            String subject = subjects.stream().filter(s -> s.matches(user)).findFirst().map(RbacSubject::describe).orElse("");
            return "RBAC: allowed by " + kind + " \"" + name + "\" of " + roleKind + " \"" + roleName + "\" to " + subject;
        }
    }

    static final RbacSnapshot EMPTY = new RbacSnapshot(Map.of(), Map.of(), List.of(), Map.of());

    private final Map<String, List<RbacRule>> clusterRoles;
    private final Map<String, List<RbacRule>> roles;
    private final List<Binding> clusterBindings;
    private final Map<String, List<Binding>> bindingsByNamespace;

    private RbacSnapshot(Map<String, List<RbacRule>> clusterRoles, Map<String, List<RbacRule>> roles,
                         List<Binding> clusterBindings, Map<String, List<Binding>> bindingsByNamespace) {
        this.clusterRoles = clusterRoles;
        this.roles = roles;
        this.clusterBindings = clusterBindings;
        this.bindingsByNamespace = bindingsByNamespace;
    }

    /** Indexes the objects as stored (Role, RoleBinding, ClusterRole, ClusterRoleBinding JSON). */
    static RbacSnapshot of(List<JsonNode> roleObjects, List<JsonNode> roleBindingObjects, List<JsonNode> clusterRoleObjects,
                           List<JsonNode> clusterRoleBindingObjects) {
        Map<String, List<RbacRule>> clusterRoles = new HashMap<>();
        for (JsonNode role : clusterRoleObjects) {
            clusterRoles.put(name(role), List.copyOf(RbacRule.listFromJson(role.path("rules"))));
        }
        Map<String, List<RbacRule>> roles = new HashMap<>();
        for (JsonNode role : roleObjects) {
            roles.put(namespace(role) + "/" + name(role), List.copyOf(RbacRule.listFromJson(role.path("rules"))));
        }
        RbacSnapshot partial = new RbacSnapshot(clusterRoles, roles, List.of(), Map.of());
        List<Binding> clusterBindings = new ArrayList<>();
        for (JsonNode binding : clusterRoleBindingObjects) {
            clusterBindings.add(partial.binding("ClusterRoleBinding", binding, ""));
        }
        Map<String, List<Binding>> byNamespace = new HashMap<>();
        for (JsonNode binding : roleBindingObjects) {
            String namespace = namespace(binding);
            byNamespace.computeIfAbsent(namespace, n -> new ArrayList<>()).add(partial.binding("RoleBinding", binding, namespace));
        }
        byNamespace.replaceAll((n, list) -> List.copyOf(list));
        return new RbacSnapshot(clusterRoles, roles, List.copyOf(clusterBindings), byNamespace);
    }

    private Binding binding(String kind, JsonNode binding, String namespace) {
        JsonNode ref = binding.path("roleRef");
        String roleKind = ref.path("kind").asText("");
        String roleName = ref.path("name").asText("");
        List<RbacRule> rules = roleRules(roleKind, roleName, namespace).orElse(List.of());
        return new Binding(kind, name(binding), roleKind, roleName,
                RbacSubject.listFromJson(binding.path("subjects"), namespace), rules);
    }

    @Override
    public Optional<String> grant(RequestAttributes request) {
        UserInfo user = request.user();
        for (Binding binding : clusterBindings) {
            if (grants(binding, request)) {
                return Optional.of(binding.grantReason(user));
            }
        }
        if (!request.namespace().isEmpty()) {
            for (Binding binding : bindingsByNamespace.getOrDefault(request.namespace(), List.of())) {
                if (grants(binding, request)) {
                    return Optional.of(binding.grantReason(user) + " in namespace \"" + request.namespace() + "\"");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean grants(Binding binding, RequestAttributes request) {
        if (!binding.appliesTo(request.user())) {
            return false;
        }
        for (RbacRule rule : binding.rules()) {
            if (rule.allows(request)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<RbacRule> rulesFor(UserInfo user, String namespace) {
        List<RbacRule> rules = new ArrayList<>();
        for (Binding binding : clusterBindings) {
            if (binding.appliesTo(user)) {
                rules.addAll(binding.rules());
            }
        }
        if (!namespace.isEmpty()) {
            for (Binding binding : bindingsByNamespace.getOrDefault(namespace, List.of())) {
                if (binding.appliesTo(user)) {
                    rules.addAll(binding.rules());
                }
            }
        }
        return rules;
    }

    @Override
    public Optional<List<RbacRule>> roleRules(String roleKind, String roleName, String namespace) {
        return Optional.ofNullable(switch (roleKind) {
            case "ClusterRole" -> clusterRoles.get(roleName);
            case "Role" -> roles.get(namespace + "/" + roleName);
            default -> null;
        });
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText("");
    }

    private static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }
}
