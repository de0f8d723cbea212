package io.kube4j.kubelet.server;

import java.nio.file.Path;
import java.util.Optional;

/** Where the server finds container logs. Thread-safe; answers from memory. */
public interface LogSource {

    /** The log file of the container's latest (or previous) attempt; empty when there is none. */
    Optional<Path> logFile(String namespace, String pod, String container, boolean previous);

    /** True while the container's latest attempt runs (a follow ends when it stops). */
    boolean running(String namespace, String pod, String container);
}
