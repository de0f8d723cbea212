package io.kube4j.kubelet.pod;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the kubelet remembers of one pod between syncs. Only its pod worker touches it (one sync
 * per pod at a time), so plain fields would do; the maps are concurrent for the readers of /pods.
 */
final class PodRecord {

    /** Why a container is not running, when it could not start. */
    record Waiting(String reason, String message, Instant retryAt) {
    }

    Map<String, Path> volumes;
    Instant volumesRefreshed;
    boolean reportedRunning;
    final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> lastState = new ConcurrentHashMap<>();
    final Map<String, Integer> startFailures = new ConcurrentHashMap<>();
    /** When the last start of a container failed: a failed pull shows as such for half its back-off. */
    final Map<String, Instant> pullFailedAt = new ConcurrentHashMap<>();
}
