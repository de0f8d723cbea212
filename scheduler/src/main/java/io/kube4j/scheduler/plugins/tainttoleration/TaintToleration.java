package io.kube4j.scheduler.plugins.tainttoleration;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Status;
import io.kube4j.scheduler.framework.Taint;
import io.kube4j.scheduler.framework.Toleration;

/** A node is feasible only if the pod tolerates each of its NoSchedule and NoExecute taints. */
public final class TaintToleration implements FilterPlugin {

    public static final String NAME = "TaintToleration";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        for (Taint taint : node.taints()) {
            boolean binding = taint.effect().equals(Taint.NO_SCHEDULE) || taint.effect().equals(Taint.NO_EXECUTE);
            if (binding && !Toleration.anyTolerates(pod.tolerations(), taint)) {
                return Status.unresolvable(reason(taint));
            }
        }
        return Status.SUCCESS;
    }

    /** Kubernetes' wording, so the FailedScheduling message reads the same. */
    static String reason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.key() + ": " + taint.value() + "}";
    }
}
