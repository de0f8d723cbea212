package io.kube4j.kubelet.pod;

import java.time.Duration;

/** What the pod workers report for /metrics. Implementations are thread-safe. */
public interface PodMetrics {

    /** A pod reached Running this long after it was created. */
    void podStarted(Duration sinceCreation);

    PodMetrics NONE = d -> {
    };
}
