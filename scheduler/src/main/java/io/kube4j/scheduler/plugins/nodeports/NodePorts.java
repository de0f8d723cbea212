package io.kube4j.scheduler.plugins.nodeports;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.HostPort;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Status;

/** A pod asking for host ports fits only nodes where no pod (bound or assumed) already holds one of them. */
public final class NodePorts implements FilterPlugin {

    public static final String NAME = "NodePorts";
    public static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        for (HostPort wanted : pod.hostPorts()) {
            for (HostPort used : node.usedPorts()) {
                if (wanted.conflictsWith(used)) {
                    return Status.unschedulable(REASON);
                }
            }
        }
        return Status.SUCCESS;
    }
}
