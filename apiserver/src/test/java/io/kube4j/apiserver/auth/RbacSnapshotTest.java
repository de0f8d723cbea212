package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacSnapshotTest {

    private static final UserInfo BOB = new UserInfo("bob", "", List.of("system:authenticated"));
    private static final UserInfo TEAM_MEMBER = new UserInfo("carol", "", List.of("team", "system:authenticated"));
    private static final UserInfo ROBOT = new UserInfo("system:serviceaccount:b:robot", "",
            List.of("system:serviceaccounts", "system:serviceaccounts:b", "system:authenticated"));

    private final RbacSnapshot snapshot = RbacSnapshot.of(
            List.of(json("""
                    {"metadata":{"name":"cm-editor","namespace":"a"},
                     "rules":[{"apiGroups":[""],"resources":["configmaps"],"verbs":["update"]}]}""")),
            List.of(json("""
                    {"metadata":{"name":"bob-edits","namespace":"a"},
                     "roleRef":{"kind":"Role","name":"cm-editor"},"subjects":[{"kind":"User","name":"bob"}]}"""),
                    json("""
                    {"metadata":{"name":"robot-reads","namespace":"b"},
                     "roleRef":{"kind":"ClusterRole","name":"reader"},"subjects":[{"kind":"ServiceAccount","name":"robot"}]}"""),
                    json("""
                    {"metadata":{"name":"dangling","namespace":"a"},
                     "roleRef":{"kind":"ClusterRole","name":"missing"},"subjects":[{"kind":"User","name":"bob"}]}""")),
            List.of(json("""
                    {"metadata":{"name":"reader"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""")),
            List.of(json("""
                    {"metadata":{"name":"readers"},
                     "roleRef":{"kind":"ClusterRole","name":"reader"},"subjects":[{"kind":"Group","name":"team"}]}""")));

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    private static RequestAttributes request(UserInfo user, String verb, String resource, String namespace) {
        return new RequestAttributes(user, verb, "", "v1", resource, "", namespace, "x", true, "");
    }

    @Test
    void aClusterRoleBindingGrantsItsRoleInEveryNamespaceAndNamesItselfInTheReason() {
        assertThat(snapshot.grant(request(TEAM_MEMBER, "get", "pods", "anywhere")))
                .contains("RBAC: allowed by ClusterRoleBinding \"readers\" of ClusterRole \"reader\" to Group \"team\"");
        assertThat(snapshot.grant(request(TEAM_MEMBER, "get", "pods", ""))).isPresent();
        assertThat(snapshot.grant(request(TEAM_MEMBER, "delete", "pods", "anywhere"))).isEmpty();
    }

    @Test
    void aRoleBindingGrantsItsRoleOnlyInItsOwnNamespace() {
        assertThat(snapshot.grant(request(BOB, "update", "configmaps", "a")))
                .contains("RBAC: allowed by RoleBinding \"bob-edits\" of Role \"cm-editor\" to User \"bob\" in namespace \"a\"");
        assertThat(snapshot.grant(request(BOB, "update", "configmaps", "b"))).isEmpty();
        assertThat(snapshot.grant(request(BOB, "update", "configmaps", ""))).isEmpty();
    }

    @Test
    void aRoleBindingMayGiveAClusterRoleToAServiceAccountOfItsNamespace() {
        assertThat(snapshot.grant(request(ROBOT, "get", "pods", "b")))
                .contains("RBAC: allowed by RoleBinding \"robot-reads\" of ClusterRole \"reader\" to ServiceAccount \"b/robot\""
                        + " in namespace \"b\"");
        assertThat(snapshot.grant(request(ROBOT, "get", "pods", "a"))).isEmpty();
    }

    @Test
    void listsTheRulesOfAUserPerNamespaceAndIgnoresBindingsToMissingRoles() {
        assertThat(snapshot.rulesFor(BOB, "a")).containsExactly(RbacRule.verbs("update").groups("").resources("configmaps"));
        assertThat(snapshot.rulesFor(BOB, "b")).isEmpty();
        assertThat(snapshot.rulesFor(TEAM_MEMBER, "")).containsExactly(RbacRule.verbs("get").groups("").resources("pods"));
        assertThat(snapshot.roleRules("ClusterRole", "missing", "a")).isEmpty();
        assertThat(snapshot.roleRules("Role", "cm-editor", "a")).isPresent();
        assertThat(snapshot.roleRules("Role", "cm-editor", "b")).isEmpty();
    }
}
