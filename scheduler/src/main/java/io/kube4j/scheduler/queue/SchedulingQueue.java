package io.kube4j.scheduler.queue;

import io.kube4j.scheduler.framework.PodInfo;
import java.time.Clock;
import java.util.Optional;

/**
 * The pods waiting for a node, in three sub-queues as in Kubernetes:
 * <ul>
 *   <li><b>active</b>: ready to be tried, highest {@code spec.priority} first, then oldest;</li>
 *   <li><b>backoff</b>: failed recently, waiting 1 s doubling to 10 s per pod before the next try;</li>
 *   <li><b>unschedulable</b>: no node fitted; parked until a {@link ClusterEvent} could help, and
 *       retried anyway after {@link #UNSCHEDULABLE_TIMEOUT}.</li>
 * </ul>
 * A popped pod is <i>in flight</i> until the scheduler reports the outcome with {@link #done},
 * {@link #addUnschedulable} or {@link #addBackoff}; a pod deleted or bound meanwhile
 * ({@link #delete}) is not requeued. Each pod is in at most one place at a time.
 *
 * <p>Thread-safe: informer handlers add, update and delete; the scheduling thread pops; binding
 * threads report outcomes; a timer calls {@link #flush} about every second.
 */
public interface SchedulingQueue extends AutoCloseable {

    java.time.Duration UNSCHEDULABLE_TIMEOUT = java.time.Duration.ofSeconds(60);

    static SchedulingQueue create(Clock clock) {
        return new DefaultSchedulingQueue(clock);
    }

    /** A new pending pod goes to the active queue; a pod already known is updated instead. */
    void add(PodInfo pod);

    /**
     * A pending pod changed. Parked pods whose spec, labels or annotations changed go back to be
     * tried; otherwise the newer object just replaces the older where it waits. A pod in flight is
     * left alone; an unknown pod is added.
     */
    void update(PodInfo pod);

    /** The pod was deleted or bound: drop it wherever it is, and do not requeue it if in flight. */
    void delete(String key);

    /**
     * Blocks until a pod is active, and hands it over in flight with its attempt counted.
     *
     * @return empty once the queue is closed
     */
    Optional<QueuedPodInfo> pop() throws InterruptedException;

    /** The number of the scheduling cycle of the last {@link #pop}. */
    long schedulingCycle();

    /**
     * No node fitted the pod in cycle {@code podCycle}. It parks as unschedulable — unless a cluster
     * event arrived since that cycle began, which may already have helped, in which case it backs off.
     */
    void addUnschedulable(QueuedPodInfo pod, long podCycle);

    /** Scheduling or binding failed for a reason that was not the pod's: retry after its backoff. */
    void addBackoff(QueuedPodInfo pod);

    /** The pod is bound (or needs no more scheduling): it leaves the queue for good. */
    void done(String key);

    /** Something changed that may help parked pods: each goes to backoff if still backing off, else active. */
    void moveAllToActiveOrBackoff(ClusterEvent event);

    /** Moves backed-off pods whose backoff is over to active, and pods parked too long out of unschedulable. */
    void flush();

    QueueLengths lengths();

    /** Wakes a blocked {@link #pop}, which then answers empty; later calls do nothing. */
    @Override
    void close();
}
