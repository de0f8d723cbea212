package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RbacRuleTest {

    private static final UserInfo ALICE = new UserInfo("alice", "", List.of("system:authenticated"));

    static RequestAttributes resource(String verb, String group, String resource, String sub, String namespace, String name) {
        return new RequestAttributes(ALICE, verb, group, "v1", resource, sub, namespace, name, true, "");
    }

    static RequestAttributes path(String verb, String path) {
        return new RequestAttributes(ALICE, verb, "", "", "", "", "", "", false, path);
    }

    static Stream<Arguments> resourceRequests() {
        RbacRule readPods = RbacRule.verbs("get", "list", "watch").groups("").resources("pods");
        RbacRule allInCore = RbacRule.verbs("*").groups("").resources("*");
        RbacRule anyScale = RbacRule.verbs("update").groups("*").resources("*/scale");
        RbacRule podLogs = RbacRule.verbs("get").groups("").resources("pods/log");
        RbacRule oneConfigMap = RbacRule.verbs("get", "update").groups("").resources("configmaps").names("settings");
        return Stream.of(
                Arguments.of(readPods, resource("get", "", "pods", "", "default", "p1"), true),
                Arguments.of(readPods, resource("list", "", "pods", "", "", ""), true),
                Arguments.of(readPods, resource("delete", "", "pods", "", "default", "p1"), false),
                // a rule on pods says nothing about its subresources
                Arguments.of(readPods, resource("get", "", "pods", "log", "default", "p1"), false),
                Arguments.of(readPods, resource("get", "apps", "pods", "", "default", "p1"), false),
                Arguments.of(podLogs, resource("get", "", "pods", "log", "default", "p1"), true),
                Arguments.of(podLogs, resource("get", "", "pods", "", "default", "p1"), false),
                // * covers every resource and every subresource of the group, with every verb
                Arguments.of(allInCore, resource("deletecollection", "", "secrets", "", "ns", ""), true),
                Arguments.of(allInCore, resource("create", "", "pods", "eviction", "ns", "p"), true),
                Arguments.of(allInCore, resource("get", "apps", "deployments", "", "ns", "d"), false),
                Arguments.of(anyScale, resource("update", "apps", "deployments", "scale", "ns", "d"), true),
                Arguments.of(anyScale, resource("update", "", "replicationcontrollers", "scale", "ns", "rc"), true),
                Arguments.of(anyScale, resource("update", "apps", "deployments", "status", "ns", "d"), false),
                Arguments.of(anyScale, resource("update", "apps", "deployments", "", "ns", "d"), false),
                Arguments.of(oneConfigMap, resource("get", "", "configmaps", "", "ns", "settings"), true),
                Arguments.of(oneConfigMap, resource("get", "", "configmaps", "", "ns", "other"), false),
                // a collection has no name, so a rule limited to names never matches it
                Arguments.of(oneConfigMap, resource("list", "", "configmaps", "", "ns", ""), false),
                // a resource rule never matches a path
                Arguments.of(allInCore, path("get", "/api"), false));
    }

    @ParameterizedTest
    @MethodSource("resourceRequests")
    void matchesResourceRequestsLikeKubernetesRbac(RbacRule rule, RequestAttributes request, boolean allowed) {
        assertThat(rule.allows(request)).as("%s allows %s %s", rule.describe(), request.verb(),
                request.resourceWithSubresource()).isEqualTo(allowed);
    }

    static Stream<Arguments> pathRequests() {
        RbacRule discovery = RbacRule.verbs("get").urls("/api", "/api/*", "/version");
        RbacRule everything = RbacRule.verbs("*").urls("*");
        return Stream.of(
                Arguments.of(discovery, path("get", "/api"), true),
                Arguments.of(discovery, path("get", "/api/v1"), true),
                Arguments.of(discovery, path("get", "/apis"), false),
                Arguments.of(discovery, path("get", "/version"), true),
                Arguments.of(discovery, path("get", "/version/extra"), false),
                Arguments.of(discovery, path("post", "/api"), false),
                Arguments.of(everything, path("delete", "/metrics"), true),
                // a URL rule never matches a resource request
                Arguments.of(everything, resource("get", "", "pods", "", "ns", "p"), false));
    }

    @ParameterizedTest
    @MethodSource("pathRequests")
    void matchesNonResourceUrlsExactlyOrByTrailingStarPrefix(RbacRule rule, RequestAttributes request, boolean allowed) {
        assertThat(rule.allows(request)).isEqualTo(allowed);
    }

    @Test
    void readsAndWritesThePolicyRuleJsonOfKubernetes() {
        RbacRule rule = RbacRule.fromJson(Json.parse("""
                {"apiGroups":[""],"resources":["configmaps"],"resourceNames":["a"],"verbs":["get"]}"""));

        assertThat(rule).isEqualTo(RbacRule.verbs("get").groups("").resources("configmaps").names("a"));
        assertThat(rule.toJson().toString())
                .isEqualTo("{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],\"resourceNames\":[\"a\"]}");
        assertThat(RbacRule.verbs("get").urls("/healthz").toJson().toString())
                .isEqualTo("{\"verbs\":[\"get\"],\"nonResourceURLs\":[\"/healthz\"]}");
        assertThat(rule.describe()).isEqualTo("{APIGroups:[\"\"], Resources:[\"configmaps\"], ResourceNames:[\"a\"], Verbs:[\"get\"]}");
    }
}
