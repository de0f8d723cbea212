package io.kube4j.scheduler.queue;

import io.kube4j.scheduler.framework.PodInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * A pending pod as the queue tracks it.
 *
 * @param sequence       order of first arrival, the last tie-breaker of the active queue
 * @param firstQueued    when the pod first entered the queue: the start of its end-to-end scheduling latency
 * @param attempts       scheduling attempts so far (incremented when popped)
 * @param lastFailure    when its last attempt failed, {@link Instant#EPOCH} before any
 * @param queuedAt       when it entered its current sub-queue
 */
public record QueuedPodInfo(PodInfo podInfo, long sequence, Instant firstQueued, int attempts, Instant lastFailure,
                            Instant queuedAt) {

    /** Kubernetes' defaults: the first retry after 1 s, doubling per attempt, at most 10 s. */
    public static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    public String key() {
        return podInfo.key();
    }

    /** How long the pod waits after its latest failed attempt: 1 s × 2^(attempts − 1), capped at 10 s. */
    public Duration backoff() {
        if (attempts <= 0) {
            return Duration.ZERO;
        }
        Duration d = INITIAL_BACKOFF;
        for (int i = 1; i < attempts && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    public Instant backoffExpiry() {
        return lastFailure.plus(backoff());
    }

    QueuedPodInfo withPod(PodInfo newer) {
        return new QueuedPodInfo(newer, sequence, firstQueued, attempts, lastFailure, queuedAt);
    }

    QueuedPodInfo attempted() {
        return new QueuedPodInfo(podInfo, sequence, firstQueued, attempts + 1, lastFailure, queuedAt);
    }

    QueuedPodInfo failedAt(Instant when) {
        return new QueuedPodInfo(podInfo, sequence, firstQueued, attempts, when, when);
    }

    QueuedPodInfo queuedAt(Instant when) {
        return new QueuedPodInfo(podInfo, sequence, firstQueued, attempts, lastFailure, when);
    }
}
