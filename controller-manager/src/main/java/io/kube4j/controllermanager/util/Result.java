package io.kube4j.controllermanager.util;

import java.time.Duration;

/**
 * What a sync decided: done ({@link #DONE}: forget the key's backoff), or look again after a
 * delay (a timed condition such as minReadySeconds). Failures are thrown instead, and the worker
 * requeues the key with backoff.
 */
public record Result(Duration requeueAfter) {

    public static final Result DONE = new Result(Duration.ZERO);

    public static Result after(Duration delay) {
        return delay.isNegative() || delay.isZero() ? new Result(Duration.ofMillis(1)) : new Result(delay);
    }

    /** The sooner of two requeues; DONE counts as never. */
    public Result sooner(Result other) {
        if (this.requeueAfter.isZero()) {
            return other;
        }
        if (other.requeueAfter.isZero()) {
            return this;
        }
        return requeueAfter.compareTo(other.requeueAfter) <= 0 ? this : other;
    }

    public boolean requeue() {
        return !requeueAfter.isZero();
    }
}
