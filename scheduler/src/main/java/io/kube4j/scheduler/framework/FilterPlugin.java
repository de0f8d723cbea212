package io.kube4j.scheduler.framework;

/**
 * Rules a node out for a pod. A node must pass every enabled filter to be feasible; the
 * framework stops at the first filter that fails a node.
 *
 * <p>Called on the scheduling thread only, once per (pod, node) per cycle, possibly for hundreds
 * of nodes: keep it allocation-free and memoise per-pod work in {@link CycleState}. It must not
 * change the pod or the node, and must not block or call the apiserver.
 */
public interface FilterPlugin extends Plugin {

    /**
     * @return {@link Status#SUCCESS} when the node can run the pod; otherwise a status whose
     *         reasons say why (they are counted across nodes in the FailedScheduling message), with
     *         code {@link Status.Code#UNSCHEDULABLE} when moving other pods could help, or
     *         {@link Status.Code#UNSCHEDULABLE_AND_UNRESOLVABLE} when only a change to the node or
     *         the pod can
     */
    Status filter(CycleState state, PodInfo pod, NodeInfo node);
}
