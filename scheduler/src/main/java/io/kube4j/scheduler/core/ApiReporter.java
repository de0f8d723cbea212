package io.kube4j.scheduler.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.events.EventRecorder;
import io.kube4j.common.daemon.Daemons;
import io.kube4j.scheduler.framework.PodInfo;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports through the API: Events via the {@link EventRecorder} (which writes in the background),
 * and the {@code PodScheduled=False} condition by a strategic-merge patch of {@code pods/status}
 * on {@code writer}. The patch is skipped when the pod already says the same, so a pod retried
 * again and again does not write again and again.
 */
public final class ApiReporter implements SchedulingReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiReporter.class);

    private final EventRecorder events;
    private final ResourceClient<Pod> pods;
    private final Executor writer;
    private final Clock clock;

    public ApiReporter(EventRecorder events, ResourceClient<Pod> pods, Executor writer, Clock clock) {
        this.events = events;
        this.pods = pods;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void scheduled(PodInfo pod, String nodeName) {
        events.event(pod.pod(), EventRecorder.NORMAL, "Scheduled",
                "Successfully assigned " + pod.key() + " to " + nodeName);
    }

    @Override
    public void unschedulable(PodInfo pod, String message) {
        report(pod, "Unschedulable", message);
    }

    @Override
    public void failed(PodInfo pod, String message) {
        report(pod, "SchedulerError", message);
    }

    private void report(PodInfo pod, String reason, String message) {
        events.event(pod.pod(), EventRecorder.WARNING, "FailedScheduling", message);
        if (alreadySays(pod.pod(), reason, message)) {
            return;
        }
        try {
            writer.execute(() -> patchCondition(pod, reason, message));
        } catch (RejectedExecutionException e) {
            LOG.debug("not recording the condition of pod {}: shutting down", pod.key());
        }
    }

    private void patchCondition(PodInfo pod, String reason, String message) {
        ObjectNode patch = Json.object();
        ObjectNode condition = patch.putObject("status").putArray("conditions").addObject();
        condition.put("type", "PodScheduled");
        condition.put("status", "False");
        condition.putNull("lastProbeTime");
        condition.put("lastTransitionTime",
                DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        condition.put("reason", reason);
        condition.put("message", message);
        try {
            pods.patchStatus(pod.namespace(), pod.name(), ResourceClient.STRATEGIC_MERGE_PATCH, patch);
        } catch (ApiException e) {
            if (e.code() != 404) {
                LOG.warn("kube-scheduler could not set PodScheduled=False on pod {}: {}", pod.key(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("kube-scheduler could not set PodScheduled=False on pod {}: {}", pod.key(), Daemons.oneLine(e));
        }
    }

    private static boolean alreadySays(Pod pod, String reason, String message) {
        for (JsonNode c : pod.json().path("status").path("conditions")) {
            if (c.path("type").asText().equals("PodScheduled")) {
                return c.path("status").asText().equals("False") && c.path("reason").asText().equals(reason)
                        && c.path("message").asText().equals(message);
            }
        }
        return false;
    }
}
