package io.kube4j.controllermanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {

    @Test
    void starEnablesEveryControllerAndMinusDisablesOne() {
        assertThat(Registry.enabled(List.of("*"))).hasSize(10).contains("garbagecollector", "nodelifecycle");
        assertThat(Registry.enabled(List.of("*", "-job", "-nodelifecycle"))).hasSize(8).doesNotContain("job", "nodelifecycle");
    }

    @Test
    void namesAloneEnableOnlyThose() {
        assertThat(Registry.enabled(List.of("deployment", "replicaset"))).containsExactly("replicaset", "deployment");
    }

    @Test
    void anUnknownNameIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> Registry.enabled(List.of("*", "-cronjob")))
                .hasMessageContaining("unknown controller \"cronjob\"").hasMessageContaining("replicaset");
    }
}
