package io.kube4j.kubelet.server;

import io.kube4j.kubelet.runtime.ContainerLog;
import java.util.Optional;

/** Where the server finds container logs. Thread-safe; answers from memory. */
public interface LogSource {

    /** The output of the container's latest (or previous) attempt; empty when there is none. */
    Optional<ContainerLog> log(String namespace, String pod, String container, boolean previous);
}
