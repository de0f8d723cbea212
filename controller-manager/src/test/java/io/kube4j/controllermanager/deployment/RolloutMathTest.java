package io.kube4j.controllermanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutMathTest {

    @ParameterizedTest(name = "surge {0}, unavailable {1} of {2} → {3}/{4}")
    @CsvSource({
            // 25% of 4 = 1 either way
            "'\"25%\"', '\"25%\"', 4, 1, 1",
            // 25% of 10 = 2.5: surge rounds up to 3, unavailable down to 2
            "'\"25%\"', '\"25%\"', 10, 3, 2",
            // missing means 25%
            "null, null, 10, 3, 2",
            // both zero would never move: one may be unavailable
            "0, 0, 3, 0, 1",
            "2, '\"1\"', 5, 2, 1",
            // unavailable never exceeds the replicas
            "0, 10, 3, 0, 3",
    })
    void resolvesIntsAndPercentages(String surge, String unavailable, int replicas, int wantSurge, int wantUnavailable) {
        var rolling = Json.object();
        if (!surge.equals("null")) {
            rolling.set("maxSurge", Json.parse(surge));
        }
        if (!unavailable.equals("null")) {
            rolling.set("maxUnavailable", Json.parse(unavailable));
        }
        assertThat(RolloutMath.limits(rolling, replicas)).isEqualTo(new RolloutMath.Limits(wantSurge, wantUnavailable));
    }

    @ParameterizedTest(name = "replicas {0} surge {1} total {2} new {3} → {4}")
    @CsvSource({
            // room = 4 + 1 - 4 = 1
            "4, 1, 4, 0, 1",
            // no room left
            "4, 1, 5, 1, 1",
            // room 3, but never past the replicas
            "4, 3, 4, 2, 4",
            // already above the replicas: scale back to them
            "2, 1, 5, 5, 2",
    })
    void scalesTheNewReplicaSetUpWithinTheSurge(int replicas, int surge, int total, int current, int want) {
        assertThat(RolloutMath.scaledUpNew(replicas, surge, total, current)).isEqualTo(want);
    }

    @ParameterizedTest(name = "replicas {0} unavailable {1} spec {2} new {3}/{4} available → {5}")
    @CsvSource({
            // 5 - (4 - 1) - (1 - 0) = 1
            "4, 1, 5, 1, 0, 1",
            // 4 - 3 - 1 = 0
            "4, 1, 4, 1, 0, 0",
            // the new pods are available: 5 - 3 - 0 = 2
            "4, 1, 5, 1, 1, 2",
    })
    void scalesOldReplicaSetsDownOnlyAsAvailabilityAllows(int replicas, int unavailable, int spec, int newSpec,
                                                         int newAvailable, int want) {
        assertThat(RolloutMath.maxScaleDown(replicas, unavailable, spec, newSpec, newAvailable)).isEqualTo(want);
    }
}
