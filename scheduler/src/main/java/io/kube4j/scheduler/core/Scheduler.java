package io.kube4j.scheduler.core;

import io.kube4j.common.daemon.Daemons;
import io.kube4j.scheduler.cache.SchedulerCache;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Profile;
import io.kube4j.scheduler.framework.Status;
import io.kube4j.scheduler.metrics.SchedulerMetrics;
import io.kube4j.scheduler.queue.QueuedPodInfo;
import io.kube4j.scheduler.queue.SchedulingQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling loop: one thread pops a pod, runs its profile's filters and scores over a
 * snapshot of the cache, assumes the pod onto the chosen node, and hands the binding to
 * {@code binders} so the next pod is scheduled while the API call is in flight. Because the
 * assumption is in the cache before the next cycle starts, in-flight bindings count against
 * their node's capacity.
 *
 * <p>Outcomes: bound → done, {@code Scheduled} event; no node fits → parked as unschedulable,
 * {@code FailedScheduling} and {@code PodScheduled=False}; a failed binding → the assumption is
 * forgotten and the pod retried after its backoff (unless the pod is gone or bound elsewhere).
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final Map<String, Profile> profiles;
    private final SchedulingAlgorithm algorithm;
    private final ExecutorService binders;
    private final SchedulingReporter reporter;
    private final SchedulerMetrics metrics;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running;

    /** @param profiles by scheduler name */
    public Scheduler(SchedulingQueue queue, SchedulerCache cache, Map<String, Profile> profiles,
                     SchedulingAlgorithm algorithm, ExecutorService binders, SchedulingReporter reporter,
                     SchedulerMetrics metrics, Clock clock) {
        this.queue = queue;
        this.cache = cache;
        this.profiles = Map.copyOf(profiles);
        this.algorithm = algorithm;
        this.binders = binders;
        this.reporter = reporter;
        this.metrics = metrics;
        this.clock = clock;
        this.thread = new Thread(this::run, "scheduler");
        this.thread.setDaemon(true);
    }

    /** Starts the loop on its own thread; it runs until the queue is closed or {@link #close()}. */
    public synchronized void start() {
        if (!running) {
            running = true;
            thread.start();
        }
    }

    private void run() {
        LOG.info("kube-scheduler is scheduling pods for {}", profiles.keySet());
        while (running) {
            Optional<QueuedPodInfo> next;
            try {
                next = queue.pop();
            } catch (InterruptedException e) {
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            try {
                scheduleOne(next.get());
            } catch (RuntimeException e) {
                LOG.error("kube-scheduler failed scheduling pod {}", next.get().key(), e);
                queue.addBackoff(next.get());
            }
        }
    }

    /** One scheduling cycle for {@code queued}, just popped. */
    void scheduleOne(QueuedPodInfo queued) {
        PodInfo pod = queued.podInfo();
        long cycle = queue.schedulingCycle();
        Profile profile = profiles.get(pod.schedulerName());
        if (profile == null || cache.hasPod(pod.key())) {
            queue.done(pod.key()); // not ours, or already assumed or bound
            return;
        }
        long start = System.nanoTime();
        ScheduleDecision decision;
        try {
            decision = algorithm.schedule(profile, pod, cache.snapshot());
        } catch (RuntimeException e) {
            decision = new ScheduleDecision.Failed("scheduling failed: " + Daemons.oneLine(e));
        }
        metrics.algorithmDuration(System.nanoTime() - start);
        if (decision instanceof ScheduleDecision.Fits fits) {
            assumeAndBind(profile, queued, fits.nodeName());
        } else if (decision instanceof ScheduleDecision.NoFit noFit) {
            String message = noFit.error().message();
            LOG.debug("pod {} is unschedulable: {}", pod.key(), message);
            metrics.unschedulable(profile.schedulerName());
            queue.addUnschedulable(queued, cycle);
            reporter.unschedulable(pod, message);
        } else if (decision instanceof ScheduleDecision.Failed failed) {
            LOG.warn("kube-scheduler could not schedule pod {}: {}", pod.key(), failed.message());
            metrics.error(profile.schedulerName());
            queue.addBackoff(queued);
            reporter.failed(pod, failed.message());
        }
    }

    private void assumeAndBind(Profile profile, QueuedPodInfo queued, String nodeName) {
        PodInfo pod = queued.podInfo();
        if (!cache.assume(pod, nodeName)) {
            metrics.error(profile.schedulerName()); // the node went away between snapshot and now
            queue.addBackoff(queued);
            return;
        }
        try {
            binders.execute(() -> bind(profile, queued, nodeName));
        } catch (RejectedExecutionException e) {
            cache.forget(pod.key()); // shutting down
        }
    }

    private void bind(Profile profile, QueuedPodInfo queued, String nodeName) {
        PodInfo pod = queued.podInfo();
        long start = System.nanoTime();
        Status status;
        try {
            status = profile.binder().bind(pod, nodeName);
        } catch (RuntimeException e) {
            status = Status.error(Daemons.oneLine(e));
        }
        metrics.bindingDuration(System.nanoTime() - start);
        switch (status.code()) {
            case SUCCESS -> {
                queue.done(pod.key());
                metrics.scheduled(profile.schedulerName(), Duration.between(queued.firstQueued(), clock.instant()));
                LOG.debug("bound pod {} to node {}", pod.key(), nodeName);
                reporter.scheduled(pod, nodeName);
            }
            case UNSCHEDULABLE_AND_UNRESOLVABLE -> {
                LOG.debug("pod {} no longer needs scheduling: {}", pod.key(), status.message());
                cache.forget(pod.key());
                queue.done(pod.key());
            }
            default -> {
                LOG.warn("kube-scheduler could not bind pod {} to node {}: {}", pod.key(), nodeName, status.message());
                cache.forget(pod.key());
                metrics.error(profile.schedulerName());
                queue.addBackoff(queued);
                reporter.failed(pod, "Binding rejected: " + status.message());
            }
        }
    }

    /** Stops the loop, closing the queue, and waits up to five seconds for it. */
    @Override
    public void close() {
        running = false;
        queue.close();
        thread.interrupt();
        try {
            if (thread.isAlive()) {
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
