package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.apiserver.auth.Authorizer.Decision.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AbacAuthorizerTest {

    private static final String POLICY = "{\"apiVersion\":\"abac.authorization.kubernetes.io/v1beta1\",\"kind\":\"Policy\",\"spec\":%s}";

    @TempDir
    static Path dir;
    static AbacAuthorizer authorizer;

    @BeforeAll
    static void load() throws IOException {
        authorizer = AbacAuthorizer.load(file("policy.jsonl",
                "# who may do what",
                policy("{\"user\":\"alice\",\"namespace\":\"*\",\"resource\":\"*\",\"apiGroup\":\"*\"}"),
                "",
                policy("{\"user\":\"bob\",\"namespace\":\"projectCaribou\",\"resource\":\"pods\",\"apiGroup\":\"\",\"readonly\":true}"),
                policy("{\"group\":\"system:authenticated\",\"readonly\":true,\"nonResourcePath\":\"/version\"}"),
                policy("{\"user\":\"*\",\"readonly\":true,\"nonResourcePath\":\"/api/*\"}"),
                policy("{\"user\":\"carol\",\"group\":\"ops\",\"namespace\":\"*\",\"resource\":\"nodes\",\"apiGroup\":\"\"}")));
    }

    private static String policy(String spec) {
        return POLICY.formatted(spec);
    }

    private static Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private static UserInfo user(String name, String... groups) {
        return new UserInfo(name, "", List.of(groups));
    }

    private static RequestAttributes resource(UserInfo user, String verb, String group, String resource, String namespace) {
        return new RequestAttributes(user, verb, group, "v1", resource, "", namespace, "", true, "");
    }

    private static RequestAttributes path(UserInfo user, String verb, String path) {
        return new RequestAttributes(user, verb, "", "", "", "", "", "", false, path);
    }

    static Stream<Arguments> requests() {
        UserInfo alice = user("alice");
        UserInfo bob = user("bob", "system:authenticated");
        return Stream.of(
                Arguments.of(resource(alice, "delete", "apps", "deployments", "x"), Outcome.ALLOW),
                // a resource policy never matches a path
                Arguments.of(path(alice, "get", "/healthz"), Outcome.NO_OPINION),
                Arguments.of(resource(bob, "list", "", "pods", "projectCaribou"), Outcome.ALLOW),
                Arguments.of(resource(bob, "create", "", "pods", "projectCaribou"), Outcome.NO_OPINION),
                Arguments.of(resource(bob, "get", "", "pods", "other"), Outcome.NO_OPINION),
                Arguments.of(resource(bob, "get", "", "secrets", "projectCaribou"), Outcome.NO_OPINION),
                Arguments.of(path(bob, "get", "/version"), Outcome.ALLOW),
                Arguments.of(path(user("nobody"), "get", "/version"), Outcome.NO_OPINION),
                Arguments.of(path(user("nobody"), "get", "/api/v1"), Outcome.ALLOW),
                Arguments.of(path(user("nobody"), "post", "/api/v1"), Outcome.NO_OPINION),
                // with both user and group set, both must match
                Arguments.of(resource(user("carol", "ops"), "update", "", "nodes", ""), Outcome.ALLOW),
                Arguments.of(resource(user("carol"), "update", "", "nodes", ""), Outcome.NO_OPINION),
                Arguments.of(resource(user("dave", "ops"), "update", "", "nodes", ""), Outcome.NO_OPINION));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void allowsWhatAnyPolicyLineMatchesAndHasNoOpinionOtherwise(RequestAttributes request, Outcome outcome) {
        assertThat(authorizer.authorize(request).outcome()).isEqualTo(outcome);
    }

    @Test
    void refusesAPolicyFileWithABadLineNamingTheLine() throws IOException {
        Path bad = file("bad.jsonl", policy("{\"user\":\"alice\",\"resource\":\"*\"}"), "", "{not json");

        assertThatThrownBy(() -> AbacAuthorizer.load(bad)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 3").hasMessageContaining("invalid JSON");
    }

    @Test
    void refusesPoliciesOfAnotherVersionOrWithoutSubject() throws IOException {
        Path version = file("version.jsonl", "{\"apiVersion\":\"v1\",\"kind\":\"Policy\",\"spec\":{\"user\":\"a\"}}");
        Path subject = file("subject.jsonl", policy("{\"resource\":\"*\"}"));

        assertThatThrownBy(() -> AbacAuthorizer.load(version)).hasMessageContaining("line 1: apiVersion must be");
        assertThatThrownBy(() -> AbacAuthorizer.load(subject)).hasMessageContaining("spec.user or spec.group is required");
    }
}
