package io.kube4j.controllermanager.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TolerationsTest {

    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";

    static Pod tolerating(String tolerations) {
        Pod pod = Pod.named("ns", "p");
        pod.spec().set("tolerations", Json.parse(tolerations));
        return pod;
    }

    @Test
    void usesTheEvictionTimeoutWhenNothingToleratesTheTaint() {
        assertThat(Tolerations.evictionDelay(tolerating("[]"), UNREACHABLE, FIVE_MINUTES)).contains(FIVE_MINUTES);
        assertThat(Tolerations.evictionDelay(tolerating("[{\"key\":\"other\",\"operator\":\"Exists\"}]"), UNREACHABLE,
                FIVE_MINUTES)).contains(FIVE_MINUTES);
    }

    @Test
    void usesTheTolerationSecondsOfAMatchingToleration() {
        Pod pod = tolerating("[{\"key\":\"" + UNREACHABLE + "\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":6}]");
        assertThat(Tolerations.evictionDelay(pod, UNREACHABLE, FIVE_MINUTES)).contains(Duration.ofSeconds(6));
    }

    @Test
    void neverEvictsAPodThatToleratesTheTaintWithoutSeconds() {
        assertThat(Tolerations.evictionDelay(tolerating("[{\"operator\":\"Exists\"}]"), UNREACHABLE, FIVE_MINUTES)).isEmpty();
    }

    @Test
    void ignoresTolerationsOfOtherEffects() {
        Pod pod = tolerating("[{\"key\":\"" + UNREACHABLE + "\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]");
        assertThat(Tolerations.evictionDelay(pod, UNREACHABLE, FIVE_MINUTES)).contains(FIVE_MINUTES);
    }
}
