package io.kube4j.scheduler.plugins.noderesources;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Resource;
import io.kube4j.scheduler.framework.ScorePlugin;

/**
 * The seed's BalancedResourceAllocation: prefers the node whose cpu and memory would be used in
 * the most equal proportion with the pod on it — (1 − |cpu fraction − memory fraction|) × 100,
 * and 0 when either fraction reaches 1. Requests count with the scoring defaults.
 */
public final class BalancedAllocation implements ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Resource requested = node.nonZeroRequested().plus(pod.nonZeroRequests());
        return score(requested, node.allocatable());
    }

    static long score(Resource requested, Resource allocatable) {
        double cpu = fraction(requested.milliCpu(), allocatable.milliCpu());
        double memory = fraction(requested.memory(), allocatable.memory());
        if (cpu >= 1 || memory >= 1) {
            return 0; // full, or over-committed by the defaults: no balance to speak of
        }
        return (long) ((1 - Math.abs(cpu - memory)) * MAX_SCORE);
    }

    private static double fraction(long requested, long capacity) {
        return capacity == 0 ? 1 : (double) requested / capacity;
    }
}
