package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.admission.AdmissionRequest;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacEscalationCheckTest {

    private static final ResourceTypes TYPES = ResourceTypes.standard();
    private static final UserInfo DEV = new UserInfo("dev", "", List.of("system:authenticated"));
    private static final UserInfo GRANTER = new UserInfo("granter", "", List.of("system:authenticated"));
    private static final UserInfo MASTER = new UserInfo("root", "", List.of("system:masters", "system:authenticated"));

    /** dev: edit and rbac-writer in namespace team; granter: may escalate roles and bind admin in team. */
    private final RbacEscalationCheck check = new RbacEscalationCheck(RbacSnapshot.of(
            List.of(json("""
                    {"metadata":{"name":"rbac-writer","namespace":"team"},"rules":[{"apiGroups":["rbac.authorization.k8s.io"],
                     "resources":["roles","rolebindings"],"verbs":["create","update"]}]}"""),
                    json("""
                    {"metadata":{"name":"granter","namespace":"team"},"rules":[
                     {"apiGroups":["rbac.authorization.k8s.io"],"resources":["roles"],"verbs":["escalate"]},
                     {"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["bind"],"resourceNames":["admin"]}]}""")),
            List.of(binding("dev-edit", "ClusterRole", "edit", "dev"), binding("dev-rbac", "Role", "rbac-writer", "dev"),
                    binding("granter", "Role", "granter", "granter")),
            new ArrayList<>(BootstrapPolicy.clusterRoleObjects()),
            new ArrayList<>(BootstrapPolicy.clusterRoleBindingObjects())));

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    private static JsonNode binding(String name, String roleKind, String roleName, String user) {
        return json("""
                {"metadata":{"name":"%s","namespace":"team"},"roleRef":{"kind":"%s","name":"%s"},
                 "subjects":[{"kind":"User","name":"%s"}]}""".formatted(name, roleKind, roleName, user));
    }

    private static ObjectNode role(String verb, String resource) {
        return (ObjectNode) json("""
                {"metadata":{"name":"r"},"rules":[{"apiGroups":[""],"resources":["%s"],"verbs":["%s"]}]}"""
                .formatted(resource, verb));
    }

    private static ObjectNode roleBinding(String roleKind, String roleName) {
        return (ObjectNode) json("""
                {"metadata":{"name":"rb"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"%s","name":"%s"},
                 "subjects":[{"kind":"User","name":"friend"}]}""".formatted(roleKind, roleName));
    }

    private void create(UserInfo user, String plural, ObjectNode object) {
        ResourceType type = TYPES.find("rbac.authorization.k8s.io", "v1", plural).orElseThrow();
        check.validate(new AdmissionRequest(AdmissionRequest.Operation.CREATE, type, "", type.namespaced() ? "team" : "",
                object.path("metadata").path("name").asText(), object, null, user, false));
    }

    @Test
    void letsAUserWriteARoleWithPermissionsTheyHold() {
        assertThatCode(() -> create(DEV, "roles", role("get", "pods"))).doesNotThrowAnyException();
        assertThatCode(() -> create(DEV, "rolebindings", roleBinding("ClusterRole", "view"))).doesNotThrowAnyException();
    }

    @Test
    void refusesARoleWithAPermissionTheWriterLacksListingWhatIsMissing() {
        assertThatThrownBy(() -> create(DEV, "roles", role("get", "nodes")))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.status().reason()).isEqualTo("Forbidden");
                    assertThat(e.getMessage()).isEqualTo("roles.rbac.authorization.k8s.io \"r\" is forbidden: user \"dev\""
                            + " (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n"
                            + "{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\"]}");
                });
        // what dev holds in team does not count cluster-wide
        assertThatThrownBy(() -> create(DEV, "clusterroles", role("get", "pods"))).hasMessageContaining("not currently held");
    }

    @Test
    void refusesBindingARoleThatGrantsMoreThanTheWriterHolds() {
        assertThatThrownBy(() -> create(DEV, "rolebindings", roleBinding("ClusterRole", "admin")))
                .hasMessageContaining("rolebindings.rbac.authorization.k8s.io \"rb\" is forbidden")
                .hasMessageContaining("Resources:[\"rolebindings\"]");
        assertThatThrownBy(() -> create(DEV, "rolebindings", roleBinding("ClusterRole", "nope")))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(404));
    }

    @Test
    void theEscalateAndBindVerbsAndSystemMastersLiftTheCheck() {
        assertThatCode(() -> create(GRANTER, "roles", role("*", "*"))).doesNotThrowAnyException();
        assertThatCode(() -> create(GRANTER, "rolebindings", roleBinding("ClusterRole", "admin"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> create(GRANTER, "rolebindings", roleBinding("ClusterRole", "edit")))
                .hasMessageContaining("not currently held");
        assertThatCode(() -> create(MASTER, "clusterrolebindings", roleBinding("ClusterRole", "cluster-admin")))
                .doesNotThrowAnyException();
    }

    @Test
    void anUpdateThatKeepsTheRulesOrTheGrantIsNotChecked() {
        ResourceType bindings = TYPES.find("rbac.authorization.k8s.io", "v1", "rolebindings").orElseThrow();
        ObjectNode old = roleBinding("ClusterRole", "admin");
        ObjectNode labelled = old.deepCopy();
        ((ObjectNode) labelled.get("metadata")).putObject("labels").put("team", "blue");

        assertThatCode(() -> check.validate(new AdmissionRequest(AdmissionRequest.Operation.UPDATE, bindings, "", "team", "rb",
                labelled, old, DEV, false))).doesNotThrowAnyException();
    }
}
