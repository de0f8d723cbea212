package io.kube4j.scheduler.queue;

/** A change in the cluster that may make parked (unschedulable) pods schedulable. */
public enum ClusterEvent {
    NODE_ADDED,
    /** Labels, taints, allocatable or {@code spec.unschedulable} changed. */
    NODE_CHANGED,
    NODE_BECAME_READY,
    /** A bound pod was deleted or finished, freeing what it held. */
    POD_DELETED
}
