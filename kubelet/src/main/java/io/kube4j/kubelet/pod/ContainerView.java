package io.kube4j.kubelet.pod;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.kubelet.probe.ProbeStatus;
import io.kube4j.kubelet.runtime.ContainerState;
import java.util.Optional;

/**
 * Everything the status of one container is made from.
 *
 * @param state          the runtime's latest attempt, empty when never started
 * @param waitingReason  why it is not running ("" when it runs or has simply not started yet)
 * @param willRestart    an exited attempt that the restart policy will start again
 * @param lastState      the {@code lastState} to report, or null
 */
record ContainerView(String name, String image, Optional<ContainerState> state, String waitingReason,
                     String waitingMessage, ProbeStatus probes, boolean willRestart, ObjectNode lastState) {

    int restartCount() {
        return state.map(s -> s.attempt() - 1).orElse(0);
    }

    boolean running() {
        return state.map(ContainerState::running).orElse(false);
    }

    boolean exited() {
        return state.map(s -> !s.running()).orElse(false);
    }

    boolean ready() {
        return running() && probes.ready();
    }
}
