package io.kube4j.controllermanager.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobSpecTest {

    @Test
    void runsAtMostParallelismPodsAndNeverMoreThanTheMissingCompletions() {
        JobSpec spec = new JobSpec(2, Optional.of(3), 6, Optional.empty());
        assertThat(spec.wantActive(0)).isEqualTo(2);
        assertThat(spec.wantActive(2)).isEqualTo(1);
        assertThat(spec.wantActive(3)).isZero();
        assertThat(spec.isComplete(3, 0)).isTrue();
        assertThat(spec.isComplete(2, 1)).isFalse();
    }

    @Test
    void withoutCompletionsTheJobIsDoneWhenOnePodSucceededAndNoneRuns() {
        JobSpec spec = new JobSpec(3, Optional.empty(), 6, Optional.empty());
        assertThat(spec.wantActive(0)).isEqualTo(3);
        assertThat(spec.isComplete(1, 1)).isFalse();
        assertThat(spec.isComplete(1, 0)).isTrue();
    }
}
