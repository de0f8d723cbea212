package io.kube4j.scheduler.plugins.noderesources;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Resource;
import io.kube4j.scheduler.framework.ScorePlugin;

/**
 * The seed's LeastRequestedPriority: prefers the node with the most left over once the pod is on
 * it — the average over cpu and memory of (allocatable − requested) / allocatable, with the pod
 * included and requests counted with the scoring defaults (so empty pods still spread).
 */
public final class LeastAllocated implements ScorePlugin {

    public static final String NAME = "NodeResourcesLeastAllocated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Resource requested = node.nonZeroRequested().plus(pod.nonZeroRequests());
        return score(requested, node.allocatable());
    }

    /** Integer arithmetic as in Kubernetes: each resource scored 0–100, then averaged. */
    static long score(Resource requested, Resource allocatable) {
        return (free(requested.milliCpu(), allocatable.milliCpu()) + free(requested.memory(), allocatable.memory())) / 2;
    }

    private static long free(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX_SCORE / capacity;
    }
}
