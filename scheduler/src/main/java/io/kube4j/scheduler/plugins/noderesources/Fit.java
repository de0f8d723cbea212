package io.kube4j.scheduler.plugins.noderesources;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Resource;
import io.kube4j.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * A node fits when what its pods request plus what this pod requests stays within its
 * allocatable cpu, memory and pod count. Assumed pods count, so a node never takes more than it
 * has while bindings are in flight. Reports every resource that falls short.
 */
public final class Fit implements FilterPlugin {

    public static final String NAME = "NodeResourcesFit";
    public static final String TOO_MANY_PODS = "Too many pods";
    public static final String INSUFFICIENT_CPU = "Insufficient cpu";
    public static final String INSUFFICIENT_MEMORY = "Insufficient memory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<String> reasons = insufficient(pod.requests(), node.requested(), node.allocatable());
        return reasons.isEmpty() ? Status.SUCCESS : Status.unschedulable(reasons.toArray(String[]::new));
    }

    /** The resources that do not fit, in Kubernetes' order (pods, cpu, memory); empty when the pod fits. */
    static List<String> insufficient(Resource pod, Resource requested, Resource allocatable) {
        if (requested.pods() + 1 <= allocatable.pods() && requested.milliCpu() + pod.milliCpu() <= allocatable.milliCpu()
                && requested.memory() + pod.memory() <= allocatable.memory()) {
            return List.of(); // the common case, without allocating
        }
        List<String> reasons = new ArrayList<>(3);
        if (requested.pods() + 1 > allocatable.pods()) {
            reasons.add(TOO_MANY_PODS);
        }
        // a pod requesting none of a resource always fits it, as in Kubernetes
        if (pod.milliCpu() > 0 && requested.milliCpu() + pod.milliCpu() > allocatable.milliCpu()) {
            reasons.add(INSUFFICIENT_CPU);
        }
        if (pod.memory() > 0 && requested.memory() + pod.memory() > allocatable.memory()) {
            reasons.add(INSUFFICIENT_MEMORY);
        }
        return reasons;
    }
}
