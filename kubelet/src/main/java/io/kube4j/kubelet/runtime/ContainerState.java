package io.kube4j.kubelet.runtime;

import java.time.Instant;

/**
 * One attempt of a container as the runtime sees it.
 *
 * @param attempt    1 for the first start, then one more per restart
 * @param exitCode   meaningful once exited; 128 + signal for a killed process
 * @param finishedAt null while running
 */
public record ContainerState(String name, String containerId, int attempt, boolean running, int exitCode,
                             Instant startedAt, Instant finishedAt) {

    /** Kubernetes' reason for a terminated container. */
    public String terminatedReason() {
        return exitCode == 0 ? "Completed" : "Error";
    }
}
