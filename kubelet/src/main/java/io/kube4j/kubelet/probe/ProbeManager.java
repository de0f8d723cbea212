package io.kube4j.kubelet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The probes of every running container attempt. Pod workers call {@link #ensure} when they see
 * an attempt running and read {@link #status}; when a result changes the pod's uid goes to
 * {@code changed} so its worker syncs again. Probes run on the given scheduler. Thread-safe.
 */
public final class ProbeManager implements AutoCloseable {

    private record Key(String podUid, String container) {
    }

    private record Attempt(int attempt, List<ProbeWorker> workers, List<ScheduledFuture<?>> tasks, ProbeTarget target) {
    }

    private final ScheduledExecutorService scheduler;
    private final Consumer<String> changed;
    private final Prober prober = new Prober();
    private final Map<Key, Attempt> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> results = new ConcurrentHashMap<>();

    public ProbeManager(ScheduledExecutorService scheduler, Consumer<String> changed) {
        this.scheduler = scheduler;
        this.changed = changed;
    }

    /** Starts the probes of this attempt of the container, replacing those of an earlier attempt. */
    public void ensure(String podUid, JsonNode container, int attempt, ProbeTarget target) {
        Key key = new Key(podUid, container.path("name").asText());
        attempts.compute(key, (k, old) -> {
            if (old != null && old.attempt() == attempt) {
                return old;
            }
            if (old != null) {
                old.tasks().forEach(t -> t.cancel(false));
            }
            List<ProbeWorker> workers = new ArrayList<>();
            ProbeWorker[] startup = new ProbeWorker[1];
            for (ProbeType type : new ProbeType[] {ProbeType.STARTUP, ProbeType.LIVENESS, ProbeType.READINESS}) {
                JsonNode probe = container.path(type.field());
                if (probe.isObject()) {
                    ProbeWorker worker = new ProbeWorker(type, probe, target, prober,
                            () -> type == ProbeType.STARTUP || startup[0] == null || startup[0].decided());
                    if (type == ProbeType.STARTUP) {
                        startup[0] = worker;
                    }
                    workers.add(worker);
                }
            }
            List<ScheduledFuture<?>> tasks = new ArrayList<>();
            for (ProbeWorker w : workers) {
                tasks.add(scheduler.scheduleWithFixedDelay(() -> tick(podUid, w), w.initialDelayMillis(),
                        w.periodMillis(), TimeUnit.MILLISECONDS));
            }
            return new Attempt(attempt, workers, tasks, target);
        });
    }

    private void tick(String podUid, ProbeWorker worker) {
        try {
            boolean flipped = worker.tick();
            results.computeIfAbsent(worker.type().name().toLowerCase(java.util.Locale.ROOT) + (worker.result() ? ":success" : ":failure"),
                    k -> new AtomicLong()).incrementAndGet();
            if (flipped) {
                changed.accept(podUid);
            }
        } catch (RuntimeException e) {
            // a probe that throws counts as a failed probe on the next tick; never kill the task
        }
    }

    /** True when {@link #ensure} has run for this attempt. */
    public boolean tracks(String podUid, String container, int attempt) {
        Attempt a = attempts.get(new Key(podUid, container));
        return a != null && a.attempt() == attempt;
    }

    /** What the probes of this attempt say; {@link ProbeStatus#NO_PROBES} when it has none or is unknown. */
    public ProbeStatus status(String podUid, String container, int attempt) {
        Attempt a = attempts.get(new Key(podUid, container));
        if (a == null || a.attempt() != attempt) {
            return a == null ? ProbeStatus.NO_PROBES : new ProbeStatus(false, false, false);
        }
        boolean started = true;
        boolean ready = true;
        boolean failed = false;
        for (ProbeWorker w : a.workers()) {
            switch (w.type()) {
                case STARTUP -> {
                    started = w.decided();
                    failed |= w.gaveUp();
                }
                case LIVENESS -> failed |= !w.result();
                case READINESS -> ready = w.result();
            }
        }
        return new ProbeStatus(started, started && ready, failed);
    }

    /**
     * Runs the container's {@code lifecycle.preStop} handler (exec or httpGet, as a probe runs them)
     * against the running attempt, for at most {@code timeout}; does nothing without a handler or a
     * known attempt. Blocks. Its outcome does not matter: the container is stopped either way.
     */
    public void preStop(String podUid, JsonNode container, Duration timeout) {
        JsonNode handler = container.path("lifecycle").path("preStop");
        Attempt a = attempts.get(new Key(podUid, container.path("name").asText()));
        if (!handler.isObject() || a == null || timeout.isZero() || timeout.isNegative()) {
            return;
        }
        ObjectNode asProbe = handler.deepCopy();
        asProbe.put("timeoutSeconds", Math.max(1, timeout.toSeconds()));
        prober.probe(asProbe, a.target());
    }

    /** Stops probing a container (it stopped, or is stopping). */
    public void stop(String podUid, String container) {
        Attempt a = attempts.remove(new Key(podUid, container));
        if (a != null) {
            a.tasks().forEach(t -> t.cancel(false));
        }
    }

    public void removePod(String podUid) {
        attempts.keySet().stream().filter(k -> k.podUid().equals(podUid)).toList()
                .forEach(k -> stop(k.podUid(), k.container()));
    }

    /** Probe outcomes so far, by {@code <type>:<success|failure>}: for /metrics. */
    public Map<String, Long> resultCounts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        results.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    @Override
    public void close() {
        attempts.values().forEach(a -> a.tasks().forEach(t -> t.cancel(false)));
        attempts.clear();
    }
}
