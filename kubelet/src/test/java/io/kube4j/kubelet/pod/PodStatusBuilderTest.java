package io.kube4j.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import io.kube4j.kubelet.probe.ProbeStatus;
import io.kube4j.kubelet.runtime.ContainerState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodStatusBuilderTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static ContainerView exited(int code, boolean willRestart) {
        return new ContainerView("c", "img", Optional.of(new ContainerState("c", "process://1", 1, false, code, T, T)),
                "", "", ProbeStatus.NO_PROBES, willRestart, null);
    }

    static ContainerView running() {
        return new ContainerView("c", "img", Optional.of(new ContainerState("c", "process://1", 1, true, 0, T, null)),
                "", "", ProbeStatus.NO_PROBES, false, null);
    }

    static PodStatusBuilder.Input input(List<ContainerView> containers) {
        return new PodStatusBuilder.Input(Json.object(), "Never", List.of(), containers, true, false, "127.1.0.2",
                "127.0.0.1", T);
    }

    @Test
    void aPodIsSucceededWhenEveryContainerExitedZeroAndNoneRestarts() {
        assertThat(PodStatusBuilder.phase(input(List.of(exited(0, false))))).isEqualTo("Succeeded");
        assertThat(PodStatusBuilder.phase(input(List.of(exited(3, false))))).isEqualTo("Failed");
        assertThat(PodStatusBuilder.phase(input(List.of(exited(3, true))))).isEqualTo("Running");
    }

    @Test
    void anUnchangedPodBuildsAnEqualStatusSoNothingIsSent() {
        var first = PodStatusBuilder.build(input(List.of(running())));
        var later = PodStatusBuilder.build(new PodStatusBuilder.Input(first, "Never", List.of(), List.of(running()), true,
                false, "127.1.0.2", "127.0.0.1", T.plusSeconds(60)));
        assertThat(later).isEqualTo(first);
        assertThat(first.path("conditions").get(3).path("status").asText()).isEqualTo("True");
    }
}
