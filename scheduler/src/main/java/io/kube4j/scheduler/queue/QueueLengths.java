package io.kube4j.scheduler.queue;

/** How many pods wait in each sub-queue, and how many are being scheduled or bound. */
public record QueueLengths(int active, int backoff, int unschedulable, int inFlight) {
}
