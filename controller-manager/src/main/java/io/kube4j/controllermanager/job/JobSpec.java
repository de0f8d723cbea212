package io.kube4j.controllermanager.job;

import io.kube4j.controllermanager.util.Unstructured;
import java.time.Duration;
import java.util.Optional;

/**
 * The parts of a Job's spec the controller obeys, with Kubernetes' defaults: parallelism 1,
 * backoffLimit 6, completions unset meaning "done when any pod succeeded and none is running".
 */
record JobSpec(int parallelism, Optional<Integer> completions, int backoffLimit, Optional<Duration> activeDeadline) {

    static JobSpec of(Unstructured job) {
        var spec = job.spec();
        return new JobSpec(spec.path("parallelism").asInt(1),
                spec.hasNonNull("completions") ? Optional.of(spec.get("completions").asInt()) : Optional.empty(),
                spec.path("backoffLimit").asInt(6),
                spec.hasNonNull("activeDeadlineSeconds")
                        ? Optional.of(Duration.ofSeconds(spec.get("activeDeadlineSeconds").asLong())) : Optional.empty());
    }

    boolean isComplete(int succeeded, int active) {
        return completions.map(c -> succeeded >= c).orElse(succeeded > 0 && active == 0);
    }

    /** Pods that should run now: parallelism, but never more than the completions still missing. */
    int wantActive(int succeeded) {
        int missing = completions.map(c -> c - succeeded).orElse(succeeded > 0 ? 0 : parallelism);
        return Math.max(0, Math.min(parallelism, missing));
    }
}
