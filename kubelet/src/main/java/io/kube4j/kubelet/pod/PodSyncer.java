package io.kube4j.kubelet.pod;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Pod;
import io.kube4j.kubelet.probe.ProbeManager;
import io.kube4j.kubelet.probe.ProbeStatus;
import io.kube4j.kubelet.probe.ProbeTarget;
import io.kube4j.kubelet.runtime.ContainerRuntime;
import io.kube4j.kubelet.runtime.ContainerSpec;
import io.kube4j.kubelet.runtime.ContainerStartException;
import io.kube4j.kubelet.runtime.ContainerState;
import io.kube4j.kubelet.volume.VolumeException;
import io.kube4j.kubelet.volume.Volumes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings one running pod one step closer to its spec and reports where it is: prepares the
 * sandbox (directory, IP, volumes), runs init containers in order to completion, then the
 * containers, restarting exited ones as the restart policy and the back-off allow, and killing
 * those whose liveness probe failed. Returns when to look again, if a timer is due.
 * Called by the pod workers, never twice at once for one pod.
 */
final class PodSyncer {

    private final ContainerRuntime runtime;
    private final ProbeManager probes;
    private final Volumes volumes;
    private final ContainerEnv env;
    private final PodSandboxes sandboxes;
    private final StatusManager statuses;
    private final Backoff backoff;
    private final Clock clock;
    private final PodMetrics metrics;
    private final Duration volumeRefresh;

    PodSyncer(ContainerRuntime runtime, ProbeManager probes, Volumes volumes, ContainerEnv env, PodSandboxes sandboxes,
              StatusManager statuses, Backoff backoff, Clock clock, PodMetrics metrics, Duration volumeRefresh) {
        this.volumeRefresh = volumeRefresh;
        this.runtime = runtime;
        this.probes = probes;
        this.volumes = volumes;
        this.env = env;
        this.sandboxes = sandboxes;
        this.statuses = statuses;
        this.backoff = backoff;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** One step for a live pod that is not being deleted; the result is when to sync again. */
    Optional<Duration> sync(Pod pod, PodRecord record, String hostIp) {
        String uid = pod.metadata().uid();
        String phase = pod.phase();
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            return Optional.empty();
        }
        Path podDir = sandboxes.directory(uid);
        String podIp;
        try {
            podIp = runtime.sandbox(uid, pod.key()).orElseGet(() -> sandboxes.ip(uid));
        } catch (ContainerStartException e) {
            Instant now = clock.instant();
            List<ContainerView> waiting = new ArrayList<>();
            for (JsonNode c : pod.spec().path("containers")) {
                record.waiting.put(name(c), new PodRecord.Waiting(e.reason(), e.getMessage(), now));
                waiting.add(view(c, uid, record, false));
            }
            report(pod, record, List.of(), waiting, false, false, "", hostIp);
            return Optional.of(Duration.ofSeconds(2));
        }
        if (record.volumes == null) {
            try {
                record.volumes = volumes.prepare(pod.metadata().namespace(), pod.spec(), podDir);
                record.volumesRefreshed = clock.instant();
            } catch (VolumeException e) {
                record.waiting.put("", new PodRecord.Waiting("ContainerCreating", e.getMessage(), clock.instant()));
                report(pod, record, List.of(), List.of(), false, false, podIp, hostIp);
                return Optional.of(Duration.ofSeconds(2));
            }
        } else if (!clock.instant().isBefore(record.volumesRefreshed.plus(volumeRefresh))) {
            // configMap and secret contents follow their sources, as Kubernetes' periodic sync does
            volumes.refresh(pod.metadata().namespace(), pod.spec(), podDir);
            record.volumesRefreshed = clock.instant();
        }
        record.waiting.remove("");
        String policy = pod.spec().path("restartPolicy").asText("Always");
        ContainerEnv.PodFacts facts = new ContainerEnv.PodFacts(pod.metadata().namespace(), pod.metadata().name(), uid,
                podIp, hostIp, pod.nodeName(), pod.spec().path("serviceAccountName").asText("default"));
        Timer timer = new Timer();
        List<ContainerView> init = new ArrayList<>();
        boolean initDone = true;
        boolean initFailed = false;
        for (JsonNode c : pod.spec().path("initContainers")) {
            if (!initDone) {
                init.add(view(c, uid, record, false));
                continue;
            }
            Optional<ContainerState> state = runtime.state(uid, name(c));
            if (state.isPresent() && !state.get().running() && state.get().exitCode() == 0) {
                init.add(view(c, uid, record, false));
                continue;
            }
            initDone = false;
            if (state.isPresent() && !state.get().running() && policy.equals("Never")) {
                initFailed = true;
            } else {
                step(pod, c, facts, record, podDir, "Never".equals(policy) ? "Never" : "OnFailure", timer, false);
            }
            init.add(view(c, uid, record, !initFailed && willRestart(runtime.state(uid, name(c)), "OnFailure")));
        }
        List<ContainerView> containers = new ArrayList<>();
        for (JsonNode c : pod.spec().path("containers")) {
            if (initDone) {
                step(pod, c, facts, record, podDir, policy, timer, true);
            }
            containers.add(view(c, uid, record, willRestart(runtime.state(uid, name(c)), policy)));
        }
        report(pod, record, init, containers, initDone, initFailed, podIp, hostIp);
        return timer.next();
    }

    /** Starts, restarts or kills one container as needed. */
    private void step(Pod pod, JsonNode c, ContainerEnv.PodFacts facts, PodRecord record, Path podDir, String policy,
                      Timer timer, boolean probed) {
        String uid = facts.uid();
        String name = name(c);
        Optional<ContainerState> state = runtime.state(uid, name);
        if (state.isPresent() && state.get().running()) {
            if (!probed) {
                return;
            }
            if (!probes.tracks(uid, name, state.get().attempt())) {
                watchProbes(c, facts, record, podDir, state.get().attempt());
            }
            ProbeStatus probe = probes.status(uid, name, state.get().attempt());
            if (!probe.failed()) {
                return;
            }
            long grace = pod.spec().path("terminationGracePeriodSeconds").asLong(30);
            probes.preStop(uid, c, Duration.ofSeconds(grace));
            probes.stop(uid, name);
            runtime.stop(uid, name, Duration.ofSeconds(grace));
            state = runtime.state(uid, name);
        }
        Instant now = clock.instant();
        PodRecord.Waiting waiting = record.waiting.get(name);
        if (waiting != null && now.isBefore(waiting.retryAt())) {
            Instant failedAt = record.pullFailedAt.get(name);
            Instant backOffShown = failedAt == null ? now
                    : failedAt.plus(Duration.between(failedAt, waiting.retryAt()).dividedBy(2));
            if (waiting.reason().equals("ErrImagePull") && now.isBefore(backOffShown)) {
                timer.at(backOffShown, now);
            } else if (waiting.reason().equals("ErrImagePull")) {
                // as Kubernetes shows it: the failed pull, then the back-off before the next one
                record.waiting.put(name, new PodRecord.Waiting("ImagePullBackOff", "Back-off pulling image \""
                        + c.path("image").asText("") + "\": " + waiting.message(), waiting.retryAt()));
            }
            timer.at(waiting.retryAt(), now);
            return;
        }
        if (state.isPresent()) {
            if (!willRestart(state, policy)) {
                return;
            }
            Instant due = state.get().finishedAt().plus(backoff.delay(state.get().attempt()));
            if (now.isBefore(due)) {
                record.waiting.put(name, new PodRecord.Waiting("CrashLoopBackOff", "back-off " + backoff.delay(
                        state.get().attempt()).toSeconds() + "s restarting failed container=" + name + " pod=" + pod.key(), due));
                timer.at(due, now);
                return;
            }
            record.lastState.put(name, PodStatusBuilder.terminated(state.get()));
        }
        start(pod, c, facts, record, podDir, timer, probed);
    }

    private void start(Pod pod, JsonNode c, ContainerEnv.PodFacts facts, PodRecord record, Path podDir, Timer timer,
                       boolean probed) {
        String name = name(c);
        try {
            Map<String, String> vars = env.env(c, facts, record.volumes);
            String workingDir = c.path("workingDir").asText("");
            ContainerState started = runtime.start(new ContainerSpec(facts.uid(), pod.key(), name,
                    c.path("image").asText(""), ContainerEnv.pullPolicy(c), ContainerEnv.expanded(c, "command", vars),
                    ContainerEnv.expanded(c, "args", vars), vars, workingDir.isEmpty() ? null : workingDir, podDir,
                    ContainerEnv.mounts(c, record.volumes), ContainerEnv.limits(c)));
            record.waiting.remove(name);
            record.startFailures.remove(name);
            if (probed) {
                probes.ensure(facts.uid(), c, started.attempt(),
                        new ProbeTarget(facts.podIp(), vars, podDir, c.path("ports"), inside(facts.uid(), name)));
            }
        } catch (ContainerStartException e) {
            failedToStart(record, name, e.reason(), e.getMessage(), timer);
        } catch (ContainerEnv.EnvException e) {
            failedToStart(record, name, "CreateContainerConfigError", e.getMessage(), timer);
        }
    }

    /** Probes of a container this kubelet did not start (adopted after a restart). */
    private void watchProbes(JsonNode c, ContainerEnv.PodFacts facts, PodRecord record, Path podDir, int attempt) {
        try {
            Map<String, String> vars = env.env(c, facts, record.volumes);
            probes.ensure(facts.uid(), c, attempt, new ProbeTarget(facts.podIp(), vars, podDir, c.path("ports"),
                    inside(facts.uid(), name(c))));
        } catch (ContainerEnv.EnvException e) {
            probes.ensure(facts.uid(), c, attempt, new ProbeTarget(facts.podIp(), Map.of(), podDir, c.path("ports"),
                    inside(facts.uid(), name(c))));
        }
    }

    private ProbeTarget.Exec inside(String uid, String container) {
        return (command, timeout) -> runtime.exec(uid, container, command, timeout);
    }

    private void failedToStart(PodRecord record, String name, String reason, String message, Timer timer) {
        int failures = record.startFailures.merge(name, 1, Integer::sum);
        Instant now = clock.instant();
        Instant retry = now.plus(backoff.delay(failures));
        record.waiting.put(name, new PodRecord.Waiting(reason, message, retry));
        record.pullFailedAt.put(name, now);
        timer.at(retry, now);
    }

    private ContainerView view(JsonNode c, String uid, PodRecord record, boolean willRestart) {
        String name = name(c);
        Optional<ContainerState> state = runtime.state(uid, name);
        PodRecord.Waiting waiting = record.waiting.get(name);
        if (state.isPresent() && state.get().running()) {
            waiting = null;
        }
        ProbeStatus probe = state.map(s -> probes.status(uid, name, s.attempt())).orElse(ProbeStatus.NO_PROBES);
        return new ContainerView(name, c.path("image").asText(""), state, waiting == null ? "" : waiting.reason(),
                waiting == null ? "" : waiting.message(), probe, willRestart, record.lastState.get(name));
    }

    private void report(Pod pod, PodRecord record, List<ContainerView> init, List<ContainerView> containers,
                        boolean initDone, boolean initFailed, String podIp, String hostIp) {
        String policy = pod.spec().path("restartPolicy").asText("Always");
        var status = PodStatusBuilder.build(new PodStatusBuilder.Input(pod.status(), policy, init, containers,
                initDone, initFailed, podIp, hostIp, clock.instant()));
        if (!record.reportedRunning && status.path("phase").asText().equals("Running")) {
            record.reportedRunning = true;
            pod.metadata().creationTimestamp().ifPresent(created ->
                    metrics.podStarted(Duration.between(created, clock.instant())));
        }
        statuses.update(pod, status);
    }

    static boolean willRestart(Optional<ContainerState> state, String policy) {
        if (state.isEmpty() || state.get().running()) {
            return false;
        }
        return policy.equals("Always") || policy.equals("OnFailure") && state.get().exitCode() != 0;
    }

    private static String name(JsonNode container) {
        return container.path("name").asText();
    }

    /** The earliest of the timers a sync set. */
    private static final class Timer {
        private Duration next;

        void at(Instant when, Instant now) {
            Duration d = Duration.between(now, when);
            if (d.isNegative()) {
                d = Duration.ZERO;
            }
            if (next == null || d.compareTo(next) < 0) {
                next = d;
            }
        }

        Optional<Duration> next() {
            return Optional.ofNullable(next);
        }
    }
}
