package io.kube4j.scheduler.plugins.nodeaffinity;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Status;

/**
 * Keeps a pod on nodes matching its {@code spec.nodeSelector} and its required node affinity
 * (Kubernetes' NodeAffinity filter). Preferred terms are scored by the NodeLabel plugin.
 */
public final class NodeAffinity implements FilterPlugin {

    public static final String NAME = "NodeAffinity";
    public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return PodNodeAffinity.of(state, pod).requiredMatch(node) ? Status.SUCCESS : Status.unresolvable(REASON);
    }
}
