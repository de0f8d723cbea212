package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A subject of a RoleBinding or ClusterRoleBinding.
 *
 * @param kind      User, Group or ServiceAccount
 * @param namespace for ServiceAccount: its namespace (already defaulted to the binding's)
 */
public record RbacSubject(String kind, String name, String namespace) {

    public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    public static RbacSubject user(String name) {
        return new RbacSubject("User", name, "");
    }

    public static RbacSubject group(String name) {
        return new RbacSubject("Group", name, "");
    }

    public static RbacSubject serviceAccount(String namespace, String name) {
        return new RbacSubject("ServiceAccount", name, namespace);
    }

    /** Whether {@code user} is this subject. */
    public boolean matches(UserInfo user) {
        return switch (kind) {
            case "User" -> user.name().equals(name);
            case "Group" -> user.groups().contains(name);
            case "ServiceAccount" -> user.name().equals(SERVICE_ACCOUNT_PREFIX + namespace + ":" + name);
            default -> false;
        };
    }

    /** Reads a binding's {@code subjects}; a ServiceAccount without a namespace gets {@code bindingNamespace}. */
    public static List<RbacSubject> listFromJson(JsonNode subjects, String bindingNamespace) {
        List<RbacSubject> out = new ArrayList<>();
        for (JsonNode subject : subjects) {
            String namespace = subject.path("namespace").asText("");
            out.add(new RbacSubject(subject.path("kind").asText(""), subject.path("name").asText(""),
                    namespace.isEmpty() ? bindingNamespace : namespace));
        }
        return out;
    }

    /** How Kubernetes names the subject in authorization reasons. */
    public String describe() {
        return kind.equals("ServiceAccount") ? kind + " \"" + namespace + "/" + name + "\"" : kind + " \"" + name + "\"";
    }
}
