package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.apiserver.server.ApiServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizersTest {

    @TempDir
    Path dir;

    private static Authorizers.Dependencies dependencies(ApiServerConfig.Security security) {
        return Authorizers.Dependencies.of(ResourceTypes.standard(), Map.of(), "/registry", security);
    }

    private static final RequestAttributes ANY = new RequestAttributes(new UserInfo("u", "", List.of()), "get", "", "v1",
            "pods", "", "default", "p", true, "");

    @Test
    void nodeThenRbacIsTheDefaultAndRbacBringsTheEscalationCheck() {
        List<String> modes = ApiServerConfig.Security.DEFAULT.authorizationModes();

        assertThat(modes).containsExactly("Node", "RBAC");
        assertThat(Authorizers.admissionPlugins(modes, dependencies(ApiServerConfig.Security.DEFAULT)))
                .extracting(p -> p.name()).containsExactly("RBACEscalation");
        assertThat(Authorizers.admissionPlugins(List.of("AlwaysAllow"), dependencies(ApiServerConfig.Security.DEFAULT))).isEmpty();
    }

    @Test
    void asksTheModesInOrderAndTheFirstOpinionWins() throws IOException {
        Authorizer allowFirst = Authorizers.build(List.of("AlwaysAllow", "AlwaysDeny"), dependencies(ApiServerConfig.Security.DEFAULT));
        Authorizer denyFirst = Authorizers.build(List.of("AlwaysDeny", "AlwaysAllow"), dependencies(ApiServerConfig.Security.DEFAULT));

        assertThat(allowFirst.authorize(ANY).allowed()).isTrue();
        assertThat(denyFirst.authorize(ANY).allowed()).isFalse();
    }

    @Test
    void refusesUnknownModesAndAbacWithoutAPolicyFile() {
        assertThatThrownBy(() -> Authorizers.build(List.of("Webhook"), dependencies(ApiServerConfig.Security.DEFAULT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown authorization mode \"Webhook\"");
        assertThatThrownBy(() -> Authorizers.build(List.of("ABAC"), dependencies(ApiServerConfig.Security.DEFAULT)))
                .hasMessageContaining("--authorization-policy-file");
        assertThatThrownBy(() -> Authorizers.build(List.of(), dependencies(ApiServerConfig.Security.DEFAULT)))
                .hasMessageContaining("at least one authorization mode");
    }

    @Test
    void abacReadsItsPolicyFileAtStartupAndABadLineStopsIt() throws IOException {
        Path good = Files.writeString(dir.resolve("good.jsonl"), "{\"apiVersion\":\"abac.authorization.kubernetes.io/v1beta1\","
                + "\"kind\":\"Policy\",\"spec\":{\"user\":\"u\",\"namespace\":\"*\",\"resource\":\"pods\",\"apiGroup\":\"\"}}\n");
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "\n\n{\"kind\":\"Policy\"}\n");

        Authorizer abac = Authorizers.build(List.of("ABAC"),
                dependencies(ApiServerConfig.Security.DEFAULT.withAuthorizationPolicyFile(good)));
        assertThat(abac.authorize(ANY).allowed()).isTrue();
        assertThatThrownBy(() -> Authorizers.build(List.of("ABAC"),
                dependencies(ApiServerConfig.Security.DEFAULT.withAuthorizationPolicyFile(bad))))
                .isInstanceOf(IOException.class).hasMessageContaining("line 3");
    }
}
