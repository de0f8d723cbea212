package io.kube4j.scheduler.core;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Profile;
import io.kube4j.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One scheduling cycle, as Kubernetes' generic scheduler does it: filter nodes, starting where the
 * last cycle stopped so every node gets its turn, until enough feasible nodes are found
 * ({@link Profile#nodesToFind}); score those; pick the highest weighted sum, at random among ties.
 * Not thread-safe: it belongs to the scheduling thread.
 */
public final class SchedulingAlgorithm {

    private final RandomGenerator random;
    private int nextStartNodeIndex;

    public SchedulingAlgorithm(RandomGenerator random) {
        this.random = random;
    }

    public ScheduleDecision schedule(Profile profile, PodInfo pod, List<NodeInfo> nodes) {
        int all = nodes.size();
        if (!pod.problems().isEmpty()) {
            return new ScheduleDecision.NoFit(new FitError(all, Map.of("pod is invalid: " + String.join("; ", pod.problems()),
                    Math.max(all, 1))));
        }
        if (all == 0) {
            return new ScheduleDecision.NoFit(new FitError(0, Map.of()));
        }
        CycleState state = new CycleState();
        int toFind = profile.nodesToFind(all);
        List<NodeInfo> feasible = new ArrayList<>(Math.min(toFind, all));
        Map<String, Integer> reasons = new HashMap<>();
        int start = nextStartNodeIndex % all;
        int evaluated = 0;
        while (evaluated < all && feasible.size() < toFind) {
            NodeInfo node = nodes.get((start + evaluated) % all);
            evaluated++;
            Status status = profile.filter(state, pod, node);
            if (status.isSuccess()) {
                feasible.add(node);
            } else if (status.code() == Status.Code.ERROR) {
                return new ScheduleDecision.Failed("filter " + status.plugin() + " failed on node " + node.name() + ": "
                        + status.message());
            } else {
                for (String reason : status.reasons()) {
                    reasons.merge(reason, 1, Integer::sum);
                }
            }
        }
        nextStartNodeIndex = (start + evaluated) % all;
        if (feasible.isEmpty()) {
            return new ScheduleDecision.NoFit(new FitError(all, reasons));
        }
        if (feasible.size() == 1) {
            return new ScheduleDecision.Fits(feasible.get(0).name(), evaluated, 1);
        }
        return new ScheduleDecision.Fits(best(profile, state, pod, feasible), evaluated, feasible.size());
    }

    /** The node with the highest total score; among equals, each is equally likely (reservoir sampling). */
    private String best(Profile profile, CycleState state, PodInfo pod, List<NodeInfo> feasible) {
        String chosen = null;
        long top = Long.MIN_VALUE;
        int ties = 0;
        for (NodeInfo node : feasible) {
            long score = profile.score(state, pod, node);
            if (score > top) {
                top = score;
                chosen = node.name();
                ties = 1;
            } else if (score == top) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    chosen = node.name();
                }
            }
        }
        return chosen;
    }
}
