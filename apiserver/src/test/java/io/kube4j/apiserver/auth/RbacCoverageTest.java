package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RbacCoverageTest {

    static Stream<Arguments> cases() {
        RbacRule readWritePods = RbacRule.verbs("get", "list", "create").groups("").resources("pods");
        RbacRule allCore = RbacRule.verbs("*").groups("").resources("*");
        RbacRule anyStatus = RbacRule.verbs("update").groups("*").resources("*/status");
        RbacRule oneSecret = RbacRule.verbs("get").groups("").resources("secrets").names("s1");
        RbacRule healthz = RbacRule.verbs("get").urls("/healthz/*");
        return Stream.of(
                Arguments.of(List.of(readWritePods), RbacRule.verbs("get", "list").groups("").resources("pods"), true),
                Arguments.of(List.of(readWritePods), RbacRule.verbs("get", "delete").groups("").resources("pods"), false),
                Arguments.of(List.of(readWritePods), RbacRule.verbs("get").groups("").resources("pods", "secrets"), false),
                // the requested * verb needs a held * verb
                Arguments.of(List.of(readWritePods), RbacRule.verbs("*").groups("").resources("pods"), false),
                Arguments.of(List.of(allCore), RbacRule.verbs("*").groups("").resources("pods/log", "secrets"), true),
                Arguments.of(List.of(allCore), RbacRule.verbs("get").groups("apps").resources("deployments"), false),
                Arguments.of(List.of(anyStatus), RbacRule.verbs("update").groups("apps").resources("deployments/status"), true),
                Arguments.of(List.of(anyStatus), RbacRule.verbs("update").groups("apps").resources("deployments"), false),
                // a held name limit covers that name only, never the whole collection
                Arguments.of(List.of(oneSecret), RbacRule.verbs("get").groups("").resources("secrets").names("s1"), true),
                Arguments.of(List.of(oneSecret), RbacRule.verbs("get").groups("").resources("secrets"), false),
                Arguments.of(List.of(readWritePods), RbacRule.verbs("get").groups("").resources("pods").names("p1"), true),
                Arguments.of(List.of(healthz), RbacRule.verbs("get").urls("/healthz/etcd"), true),
                Arguments.of(List.of(healthz), RbacRule.verbs("get").urls("/livez"), false),
                // permissions split over two held rules still count
                Arguments.of(List.of(readWritePods, allCore), RbacRule.verbs("*").groups("").resources("pods"), true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aRequestedRuleIsCoveredWhenEverySinglePermissionOfItIsHeld(List<RbacRule> held, RbacRule requested, boolean covered) {
        assertThat(RbacCoverage.uncovered(held, List.of(requested)).isEmpty()).isEqualTo(covered);
    }

    @Test
    void reportsEachMissingPermissionOnItsOwn() {
        List<RbacRule> missing = RbacCoverage.uncovered(List.of(RbacRule.verbs("get").groups("").resources("pods")),
                List.of(RbacRule.verbs("get", "delete").groups("").resources("pods", "secrets")));

        // 2 verbs × 2 resources = 4 permissions, of which get pods is held
        assertThat(missing).containsExactly(
                RbacRule.verbs("get").groups("").resources("secrets"),
                RbacRule.verbs("delete").groups("").resources("pods"),
                RbacRule.verbs("delete").groups("").resources("secrets"));
    }
}
