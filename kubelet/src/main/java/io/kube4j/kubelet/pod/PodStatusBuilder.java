package io.kube4j.kubelet.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.kubelet.runtime.ContainerState;
import java.time.Instant;
import java.util.List;

/**
 * A pod's status from what its containers are doing: phase, the four conditions, container
 * statuses. Pure: times that did not change (startTime, transitions) are carried over from the
 * previous status, so an unchanged pod builds an equal status and nothing is sent.
 */
final class PodStatusBuilder {

    /** @param initFailed an init container failed for good (restartPolicy Never) */
    record Input(JsonNode previous, String restartPolicy, List<ContainerView> init, List<ContainerView> containers,
                 boolean initDone, boolean initFailed, String podIp, String hostIp, Instant now) {
    }

    private PodStatusBuilder() {
    }

    static ObjectNode build(Input in) {
        ObjectNode status = Json.object();
        String phase = phase(in);
        status.put("phase", phase);
        boolean ready = !in.containers().isEmpty() && in.containers().stream().allMatch(ContainerView::ready);
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, in, "PodScheduled", true);
        condition(conditions, in, "Initialized", in.initDone());
        condition(conditions, in, "ContainersReady", ready);
        condition(conditions, in, "Ready", ready);
        if (!in.hostIp().isEmpty()) {
            status.put("hostIP", in.hostIp());
            status.putArray("hostIPs").addObject().put("ip", in.hostIp());
        }
        if (!in.podIp().isEmpty()) {
            status.put("podIP", in.podIp());
            status.putArray("podIPs").addObject().put("ip", in.podIp());
        }
        status.put("startTime", in.previous().path("startTime").asText(time(in.now())));
        if (!in.init().isEmpty()) {
            ArrayNode init = status.putArray("initContainerStatuses");
            in.init().forEach(c -> init.add(containerStatus(c)));
        }
        ArrayNode containers = status.putArray("containerStatuses");
        in.containers().forEach(c -> containers.add(containerStatus(c)));
        status.put("qosClass", in.previous().path("qosClass").asText("BestEffort"));
        return status;
    }

    static String phase(Input in) {
        if (in.initFailed()) {
            return "Failed";
        }
        List<ContainerView> cs = in.containers();
        if (!in.initDone() || cs.stream().anyMatch(c -> c.state().isEmpty())) {
            return "Pending";
        }
        if (cs.stream().anyMatch(c -> c.running() || c.willRestart())) {
            return "Running";
        }
        boolean allSucceeded = cs.stream().allMatch(c -> c.state().map(s -> s.exitCode() == 0).orElse(false));
        return allSucceeded ? "Succeeded" : "Failed";
    }

    private static void condition(ArrayNode conditions, Input in, String type, boolean value) {
        String status = value ? "True" : "False";
        ObjectNode c = conditions.addObject();
        c.put("type", type);
        c.put("status", status);
        String since = time(in.now());
        for (JsonNode old : in.previous().path("conditions")) {
            if (old.path("type").asText().equals(type) && old.path("status").asText().equals(status)) {
                since = old.path("lastTransitionTime").asText(since);
            }
        }
        c.put("lastTransitionTime", since);
        if (!value && !type.equals("PodScheduled")) {
            c.put("reason", type.equals("Initialized") ? "ContainersNotInitialized" : "ContainersNotReady");
        }
    }

    private static ObjectNode containerStatus(ContainerView c) {
        ObjectNode s = Json.object();
        s.put("name", c.name());
        s.put("image", c.image());
        s.put("imageID", "");
        ObjectNode state = s.putObject("state");
        if (c.state().isEmpty() || !c.waitingReason().isEmpty()) {
            ObjectNode waiting = state.putObject("waiting");
            waiting.put("reason", c.waitingReason().isEmpty() ? "ContainerCreating" : c.waitingReason());
            if (!c.waitingMessage().isEmpty()) {
                waiting.put("message", c.waitingMessage());
            }
        } else {
            ContainerState cs = c.state().get();
            if (cs.running()) {
                state.putObject("running").put("startedAt", time(cs.startedAt()));
            } else {
                state.set("terminated", terminated(cs));
            }
        }
        if (c.lastState() != null) {
            s.putObject("lastState").set("terminated", c.lastState());
        } else {
            s.putObject("lastState");
        }
        c.state().ifPresent(cs -> s.put("containerID", cs.containerId()));
        s.put("restartCount", c.restartCount());
        s.put("ready", c.ready());
        s.put("started", c.running() && c.probes().started());
        return s;
    }

    /** Kubernetes' {@code Time}: RFC 3339 in whole seconds. */
    static String time(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static ObjectNode terminated(ContainerState cs) {
        ObjectNode t = Json.object();
        t.put("exitCode", cs.exitCode());
        t.put("reason", cs.terminatedReason());
        t.put("startedAt", time(cs.startedAt()));
        t.put("finishedAt", time(cs.finishedAt()));
        t.put("containerID", cs.containerId());
        return t;
    }
}
