package io.kube4j.scheduler.framework;

import java.util.List;

/**
 * One scheduling policy: the scheduler name pods select it by, its filters in order, its
 * weighted scores, its binder and how many feasible nodes to score. Immutable; runs its plugins
 * on the caller's thread.
 *
 * @param binder                   binds the pods this profile places; null only in a profile built to check a config
 * @param percentageOfNodesToScore 1–100, or 0 for Kubernetes' adaptive default (see {@link #nodesToFind})
 */
public record Profile(String schedulerName, List<FilterPlugin> filters, List<WeightedScore> scores, BindPlugin binder,
                      int percentageOfNodesToScore) {

    /** Below this many nodes every node is considered, as in Kubernetes. */
    public static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    private static final int MIN_FEASIBLE_NODES_PERCENTAGE = 5;

    public Profile {
        filters = List.copyOf(filters);
        scores = List.copyOf(scores);
        if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
            throw new IllegalArgumentException("percentageOfNodesToScore must be 0 (adaptive) to 100, got "
                    + percentageOfNodesToScore);
        }
    }

    /** Runs the filters in order and answers the first failure (attributed), or success. */
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        for (FilterPlugin filter : filters) {
            Status status = filter.filter(state, pod, node);
            if (!status.isSuccess()) {
                return status.withPlugin(filter.name());
            }
        }
        return Status.SUCCESS;
    }

    /** The weighted sum of every score plugin's score of {@code node}. */
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long total = 0;
        for (WeightedScore score : scores) {
            long s = Math.max(ScorePlugin.MIN_SCORE, Math.min(ScorePlugin.MAX_SCORE, score.plugin().score(state, pod, node)));
            total += s * score.weight();
        }
        return total;
    }

    /**
     * How many feasible nodes to look for before scoring, out of {@code allNodes}: every node below
     * 100; else the configured percentage, or adaptively 50% minus 1% per 125 nodes (at least 5%),
     * but never fewer than 100 — Kubernetes' {@code numFeasibleNodesToFind}.
     */
    public int nodesToFind(int allNodes) {
        if (allNodes < MIN_FEASIBLE_NODES_TO_FIND || percentageOfNodesToScore >= 100) {
            return allNodes;
        }
        int percentage = percentageOfNodesToScore;
        if (percentage == 0) {
            percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, 50 - allNodes / 125);
        }
        int nodes = (int) ((long) allNodes * percentage / 100);
        return Math.max(nodes, MIN_FEASIBLE_NODES_TO_FIND);
    }
}
