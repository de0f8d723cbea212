package io.kube4j.scheduler.cache;

import io.kube4j.common.api.core.Node;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduler believes each node carries: the nodes and the bound pods from the informers,
 * plus pods <i>assumed</i> onto a node by the scheduler while their binding is in flight, so that
 * the next scheduling cycle already counts them and a node is never double-booked.
 *
 * <p>An assumed pod stays until the informer reports it bound ({@link #addPod} confirms it), the
 * binding fails ({@link #forget}), or it is deleted ({@link #removePod}). Thread-safe: informer
 * handlers, the scheduling thread and binding threads all use it.
 */
public interface SchedulerCache {

    static SchedulerCache create() {
        return new DefaultSchedulerCache();
    }

    void addNode(Node node);

    /** The node object changed; its pods stay. */
    void updateNode(Node node);

    void removeNode(String name);

    /** A pod bound to {@code pod.nodeName()}; confirms the assumption if the scheduler had assumed it. */
    void addPod(PodInfo pod);

    /** The pod left its node: deleted, finished, or an assumption dropped with it. */
    void removePod(String key);

    /**
     * Counts {@code pod} on {@code nodeName} before it is bound.
     *
     * @return false, changing nothing, when the cache already has this pod (assumed or bound)
     */
    boolean assume(PodInfo pod, String nodeName);

    /** Drops an assumption whose binding failed; does nothing if the pod is bound or unknown. */
    void forget(String key);

    boolean isAssumed(String key);

    /** Whether the cache holds the pod at all, bound or assumed. */
    boolean hasPod(String key);

    /**
     * The nodes as they are now, in a stable order (the order they were added). The list and its
     * NodeInfos are immutable, so a scheduling cycle can read them without locking.
     */
    List<NodeInfo> snapshot();

    Optional<NodeInfo> node(String name);
}
