package io.kube4j.scheduler.bench;

/**
 * What the scheduling phase measured.
 *
 * @param precreate     whether the pods existed before the scheduler started (else they were created while it ran)
 * @param throughput    pods bound per one-second sample
 * @param overall       pods / (last pod bound − first create sent), per second
 * @param latencyMillis per pod: create sent (precreate: the scheduler's start) → seen bound
 * @param scheduled     the scheduler's own count of successful attempts (its metric)
 */
record SchedulingRun(boolean precreate, Parallel.Result nodeCreates, Parallel.Result podCreates, Percentiles throughput, double overall,
                     Percentiles latencyMillis, long scheduled, long unschedulable, long errors) {
}
