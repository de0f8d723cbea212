package io.kube4j.scheduler.framework;

/**
 * Ranks the feasible nodes for a pod. The framework multiplies each plugin's score by the
 * plugin's configured weight, sums them per node, and binds the pod to the node with the highest
 * sum, choosing at random among ties.
 *
 * <p>Called on the scheduling thread only, for nodes that passed every filter; the same rules as
 * for {@link FilterPlugin} apply (no blocking, no mutation, memoise per-pod work in
 * {@link CycleState}). A score must be pure: the same inputs give the same score.
 */
public interface ScorePlugin extends Plugin {

    long MIN_SCORE = 0;
    long MAX_SCORE = 100;

    /** @return a score from {@link #MIN_SCORE} to {@link #MAX_SCORE}, higher meaning a better fit */
    long score(CycleState state, PodInfo pod, NodeInfo node);
}
