package io.kube4j.scheduler.plugins.nodeunschedulable;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Status;
import io.kube4j.scheduler.framework.Taint;
import io.kube4j.scheduler.framework.Toleration;

/** Keeps pods off cordoned nodes ({@code spec.unschedulable}) unless they tolerate the unschedulable taint. */
public final class NodeUnschedulable implements FilterPlugin {

    public static final String NAME = "NodeUnschedulable";
    public static final String REASON = "node(s) were unschedulable";
    static final Taint UNSCHEDULABLE = new Taint("node.kubernetes.io/unschedulable", "", Taint.NO_SCHEDULE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if (!node.unschedulable() || Toleration.anyTolerates(pod.tolerations(), UNSCHEDULABLE)) {
            return Status.SUCCESS;
        }
        return Status.unresolvable(REASON);
    }
}
