package io.kube4j.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FitErrorTest {

    @Test
    void readsLikeKubernetes() {
        FitError error = new FitError(3, Map.of("Insufficient cpu", 2, "node(s) were unschedulable", 1));
        assertThat(error.message()).isEqualTo("0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu.");
    }

    @Test
    void saysSoWhenThereAreNoNodes() {
        assertThat(new FitError(0, Map.of()).message()).isEqualTo("0/0 nodes are available: no nodes available to schedule pods.");
    }
}
