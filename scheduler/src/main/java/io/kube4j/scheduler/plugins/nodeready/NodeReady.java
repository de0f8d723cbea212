package io.kube4j.scheduler.plugins.nodeready;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Status;
import io.kube4j.scheduler.framework.Taint;
import io.kube4j.scheduler.framework.Toleration;

/**
 * Keeps pods off nodes whose Ready condition is False or Unknown, unless they tolerate the taint
 * Kubernetes' node lifecycle controller would put there ({@code node.kubernetes.io/not-ready} or
 * {@code …/unreachable}). Checking the condition itself means a NotReady node is avoided even
 * before (or without) a controller tainting it. A node that reports no Ready condition yet passes,
 * as in the seed's CheckNodeCondition predicate.
 */
public final class NodeReady implements FilterPlugin {

    public static final String NAME = "NodeReady";
    public static final String REASON = "node(s) were not ready";
    static final Taint NOT_READY = new Taint("node.kubernetes.io/not-ready", "", Taint.NO_SCHEDULE);
    static final Taint UNREACHABLE = new Taint("node.kubernetes.io/unreachable", "", Taint.NO_SCHEDULE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        Taint implied = switch (node.readyStatus()) {
            case "False" -> NOT_READY;
            case "Unknown" -> UNREACHABLE;
            default -> null;
        };
        if (implied == null || Toleration.anyTolerates(pod.tolerations(), implied)) {
            return Status.SUCCESS;
        }
        return Status.unresolvable(REASON);
    }
}
