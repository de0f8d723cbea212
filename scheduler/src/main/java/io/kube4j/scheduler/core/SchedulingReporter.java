package io.kube4j.scheduler.core;

import io.kube4j.scheduler.framework.PodInfo;

/**
 * Tells the world what became of a pod: Events, and the pod's {@code PodScheduled} condition.
 * Called from the scheduling and binding threads: implementations must not block them (write in
 * the background) and must swallow their own failures.
 */
public interface SchedulingReporter {

    /** The pod is bound to {@code nodeName}: a {@code Scheduled} event. */
    void scheduled(PodInfo pod, String nodeName);

    /**
     * No node fits: a {@code FailedScheduling} warning with {@code message}, and the condition
     * {@code PodScheduled=False} with reason {@code Unschedulable}.
     */
    void unschedulable(PodInfo pod, String message);

    /** Scheduling or binding failed for another reason: as above, with reason {@code SchedulerError}. */
    void failed(PodInfo pod, String message);

    /** Reports nothing; for tests and benchmarks that do not look. */
    SchedulingReporter NONE = new SchedulingReporter() {
        @Override
        public void scheduled(PodInfo pod, String nodeName) {
        }

        @Override
        public void unschedulable(PodInfo pod, String message) {
        }

        @Override
        public void failed(PodInfo pod, String message) {
        }
    };
}
