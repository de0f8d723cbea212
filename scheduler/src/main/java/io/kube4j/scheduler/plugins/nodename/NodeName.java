package io.kube4j.scheduler.plugins.nodename;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Status;

/**
 * A pod that names its node in {@code spec.nodeName} fits only that node. The scheduler only
 * picks up pods without one, so this matters when a profile is used to re-check a placement.
 */
public final class NodeName implements FilterPlugin {

    public static final String NAME = "NodeName";
    public static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        String wanted = pod.nodeName();
        return wanted.isEmpty() || wanted.equals(node.name()) ? Status.SUCCESS : Status.unresolvable(REASON);
    }
}
