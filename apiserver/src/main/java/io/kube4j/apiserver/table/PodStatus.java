package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.hasTrueCondition;
import static io.kube4j.apiserver.table.Fields.items;
import static io.kube4j.apiserver.table.Fields.number;
import static io.kube4j.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The READY, STATUS and RESTARTS of {@code kubectl get pods}, derived as kubectl's server-side
 * printer does (pkg/printers/internalversion printPod): the phase, overridden by the first
 * unfinished init container, then by the last container that is waiting or terminated, then by
 * deletion.
 *
 * @param ready    containers ready and running (plus started sidecars)
 * @param total    spec containers plus restartable init containers (sidecars)
 * @param reason   the STATUS cell
 * @param restarts restart count summed over the containers that count
 */
record PodStatus(int ready, int total, String reason, long restarts) {

    static PodStatus of(JsonNode pod) {
        String phase = text(pod, "/status/phase");
        String reason = text(pod, "/status/reason").isEmpty() ? phase : text(pod, "/status/reason");
        for (JsonNode condition : items(pod, "/status/conditions")) {
            if ("PodScheduled".equals(text(condition, "/type")) && "SchedulingGated".equals(text(condition, "/reason"))) {
                reason = "SchedulingGated";
            }
        }
        List<JsonNode> initContainers = items(pod, "/spec/initContainers");
        Set<String> sidecars = new HashSet<>();
        for (JsonNode container : initContainers) {
            if ("Always".equals(text(container, "/restartPolicy"))) {
                sidecars.add(text(container, "/name"));
            }
        }
        int total = items(pod, "/spec/containers").size() + sidecars.size();
        int ready = 0;
        long restarts = 0;
        long sidecarRestarts = 0;
        boolean initializing = false;

        List<JsonNode> initStatuses = items(pod, "/status/initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode status = initStatuses.get(i);
            String name = text(status, "/name");
            restarts += number(status, "/restartCount");
            if (sidecars.contains(name)) {
                sidecarRestarts += number(status, "/restartCount");
            }
            JsonNode terminated = status.at("/state/terminated");
            JsonNode waiting = status.at("/state/waiting");
            if (terminated.isObject() && number(terminated, "/exitCode") == 0) {
                continue;
            }
            if (sidecars.contains(name) && status.path("started").asBoolean(false)) {
                if (status.path("ready").asBoolean(false)) {
                    ready++;
                }
                continue;
            }
            if (terminated.isObject()) {
                reason = "Init:" + terminatedReason(terminated);
            } else if (waiting.isObject() && !text(waiting, "/reason").isEmpty()
                    && !"PodInitializing".equals(text(waiting, "/reason"))) {
                reason = "Init:" + text(waiting, "/reason");
            } else {
                reason = "Init:" + i + "/" + initContainers.size();
            }
            initializing = true;
            break;
        }

        if (!initializing || hasTrueCondition(pod, "Initialized")) {
            restarts = sidecarRestarts;
            boolean hasRunning = false;
            List<JsonNode> statuses = items(pod, "/status/containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode status = statuses.get(i);
                restarts += number(status, "/restartCount");
                JsonNode waiting = status.at("/state/waiting");
                JsonNode terminated = status.at("/state/terminated");
                if (waiting.isObject() && !text(waiting, "/reason").isEmpty()) {
                    reason = text(waiting, "/reason");
                } else if (terminated.isObject()) {
                    reason = terminatedReason(terminated);
                } else if (status.path("ready").asBoolean(false) && status.at("/state/running").isObject()) {
                    hasRunning = true;
                    ready++;
                }
            }
            // A pod whose last container completed while another still runs is not "Completed".
            if ("Completed".equals(reason) && hasRunning) {
                reason = hasTrueCondition(pod, "Ready") ? "Running" : "NotReady";
            }
        }

        boolean deleting = !text(pod, "/metadata/deletionTimestamp").isEmpty();
        if (deleting && "NodeLost".equals(text(pod, "/status/reason"))) {
            reason = "Unknown";
        } else if (deleting && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            reason = "Terminating";
        }
        return new PodStatus(ready, total, reason, restarts);
    }

    /** {@code Completed}, {@code Error}, …; without a reason {@code Signal:N} or {@code ExitCode:N}. */
    private static String terminatedReason(JsonNode terminated) {
        String reason = text(terminated, "/reason");
        if (!reason.isEmpty()) {
            return reason;
        }
        long signal = number(terminated, "/signal");
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + number(terminated, "/exitCode");
    }
}
