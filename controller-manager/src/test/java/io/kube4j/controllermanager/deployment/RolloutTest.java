package io.kube4j.controllermanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutTest {

    static final RolloutMath.Limits ONE_AND_ONE = new RolloutMath.Limits(1, 1);

    @Test
    void aFreshDeploymentGetsAllItsReplicasAtOnce() {
        assertThat(Rollout.rolling(4, ONE_AND_ONE, null, List.of())).isEqualTo(new Rollout.Plan(4, Map.of()));
    }

    @Test
    void theFirstStepSurgesOneAndRetiresOneAvailableOldPod() {
        RsState old = new RsState("v1", 4, 4, 4, 1);
        assertThat(Rollout.rolling(4, ONE_AND_ONE, null, List.of(old))).isEqualTo(new Rollout.Plan(1, Map.of("v1", 3)));
    }

    @Test
    void waitsWhileTheNewPodsAreNotAvailableAndTheSurgeIsUsed() {
        RsState old = new RsState("v1", 3, 4, 3, 1);
        RsState current = new RsState("v2", 1, 1, 0, 2);
        assertThat(Rollout.rolling(4, ONE_AND_ONE, current, List.of(old))).isEqualTo(new Rollout.Plan(1, Map.of()));
    }

    @Test
    void retiresUnavailableOldPodsFirstWithoutCostingAvailability() {
        // budget = total spec 5 - min available 3 - new unavailable 0 = 2: both unhealthy old pods go;
        // then available 1 + 2 = 3 leaves nothing spare for the healthy ones
        RsState old = new RsState("v1", 4, 4, 2, 1);
        RsState current = new RsState("v2", 1, 1, 1, 2);
        Rollout.Plan plan = Rollout.rolling(4, ONE_AND_ONE, current, List.of(old));
        assertThat(plan.oldReplicas()).containsEntry("v1", 2);
    }

    @Test
    void recreateScalesOldDownThenWaitsForItsPodsThenStartsTheNew() {
        RsState running = new RsState("v1", 3, 3, 3, 1);
        assertThat(Rollout.recreate(3, null, List.of(running))).isEqualTo(new Rollout.Plan(0, Map.of("v1", 0)));
        RsState stopping = new RsState("v1", 0, 2, 0, 1);
        assertThat(Rollout.recreate(3, null, List.of(stopping))).isEqualTo(new Rollout.Plan(0, Map.of()));
        RsState stopped = new RsState("v1", 0, 0, 0, 1);
        assertThat(Rollout.recreate(3, null, List.of(stopped))).isEqualTo(new Rollout.Plan(3, Map.of()));
    }
}
