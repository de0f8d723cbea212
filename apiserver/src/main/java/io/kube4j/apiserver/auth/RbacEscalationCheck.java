package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.admission.AdmissionPlugin;
import io.kube4j.apiserver.admission.AdmissionRequest;
import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code RBACEscalation}: nobody grants permissions they do not hold. Writing a Role or ClusterRole
 * needs every permission in it (or the {@code escalate} verb on it); writing a binding needs every
 * permission of the role it refers to (or the {@code bind} verb on that role). Members of
 * {@code system:masters} are exempt, as in Kubernetes. Rejects with 403 Forbidden; registered
 * whenever RBAC is an authorization mode.
 */
final class RbacEscalationCheck implements AdmissionPlugin {

    static final String NAME = "RBACEscalation";
    private static final String GROUP = "rbac.authorization.k8s.io";
    private static final String MASTERS = "system:masters";

    private final RbacRuleResolver rbac;

    RbacEscalationCheck(RbacRuleResolver rbac) {
        this.rbac = rbac;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(AdmissionRequest request) {
        if (!request.type().group().equals(GROUP) || request.operation() == AdmissionRequest.Operation.DELETE
                || request.user().groups().contains(MASTERS)) {
            return;
        }
        switch (request.type().plural()) {
            case "roles", "clusterroles" -> checkRole(request);
            case "rolebindings", "clusterrolebindings" -> checkBinding(request);
            default -> {
            }
        }
    }

    private void checkRole(AdmissionRequest request) {
        if (request.oldObject() != null && Objects.equals(request.oldObject().path("rules"), request.object().path("rules"))) {
            return;
        }
        String namespace = request.type().namespaced() ? request.namespace() : "";
        if (allowed(request.user(), "escalate", request.type().plural(), namespace, request.name())) {
            return;
        }
        List<RbacRule> missing = RbacCoverage.uncovered(rbac.rulesFor(request.user(), namespace),
                RbacRule.listFromJson(request.object().path("rules")));
        if (!missing.isEmpty()) {
            throw escalation(request, missing);
        }
    }

    private void checkBinding(AdmissionRequest request) {
        ObjectNode old = request.oldObject();
        if (old != null && Objects.equals(old.path("roleRef"), request.object().path("roleRef"))
                && Objects.equals(old.path("subjects"), request.object().path("subjects"))) {
            return;
        }
        JsonNode ref = request.object().path("roleRef");
        String roleKind = ref.path("kind").asText("");
        String roleName = ref.path("name").asText("");
        String namespace = request.type().namespaced() ? request.namespace() : "";
        String roleResource = roleKind.equals("Role") ? "roles" : "clusterroles";
        if (allowed(request.user(), "bind", roleResource, namespace, roleName)) {
            return;
        }
        List<RbacRule> granted = rbac.roleRules(roleKind, roleName, namespace)
                .orElseThrow(() -> StatusException.notFound(roleResource + "." + GROUP, roleName));
        List<RbacRule> missing = RbacCoverage.uncovered(rbac.rulesFor(request.user(), namespace), granted);
        if (!missing.isEmpty()) {
            throw escalation(request, missing);
        }
    }

    private boolean allowed(UserInfo user, String verb, String resource, String namespace, String name) {
        RequestAttributes attributes = new RequestAttributes(user, verb, GROUP, "v1", resource, "", namespace, name, true, "");
        return rbac.grant(attributes).isPresent();
    }

    private static StatusException escalation(AdmissionRequest request, List<RbacRule> missing) {
        UserInfo user = request.user();
        String groups = user.groups().stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(" ", "[", "]"));
        String rules = missing.stream().map(RbacRule::describe).collect(Collectors.joining("\n"));
        String message = request.type().plural() + "." + GROUP + " \"" + request.name() + "\" is forbidden: user \""
                + user.name() + "\" (groups=" + groups + ") is attempting to grant RBAC permissions not currently held:\n"
                + rules;
        return new StatusException(Status.failure(403, "Forbidden", message)
                .withDetails(request.name(), GROUP, request.type().plural()));
    }
}
