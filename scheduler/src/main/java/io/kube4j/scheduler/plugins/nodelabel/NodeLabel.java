package io.kube4j.scheduler.plugins.nodelabel;

import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.ScorePlugin;
import io.kube4j.scheduler.plugins.nodeaffinity.PodNodeAffinity;
import java.util.List;

/**
 * The seed's label-matching priority (CalculateNodeLabelPriority): prefers nodes that carry the
 * configured label keys ({@code presentLabelsPreference}) and lack the others
 * ({@code absentLabelsPreference}), and nodes matching the pod's preferred node affinity terms.
 * Each part scores 0–100 — the share of configured preferences met, the share of the pod's
 * preferred weight matched — and when both apply the score is their mean. With neither, every
 * node scores 0.
 */
public final class NodeLabel implements ScorePlugin {

    public static final String NAME = "NodeLabel";

    private final List<String> present;
    private final List<String> absent;

    public NodeLabel(List<String> presentLabelsPreference, List<String> absentLabelsPreference) {
        this.present = List.copyOf(presentLabelsPreference);
        this.absent = List.copyOf(absentLabelsPreference);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        PodNodeAffinity affinity = PodNodeAffinity.of(state, pod);
        int total = affinity.totalPreferredWeight();
        long labels = labelScore(node);
        if (total == 0) {
            return labels < 0 ? 0 : labels;
        }
        long preferred = affinity.preferredWeight(node) * MAX_SCORE / total;
        return labels < 0 ? preferred : (labels + preferred) / 2;
    }

    /** The share (0–100) of configured label preferences {@code node} meets; −1 when none are configured. */
    long labelScore(NodeInfo node) {
        int configured = present.size() + absent.size();
        if (configured == 0) {
            return -1;
        }
        int met = 0;
        for (String key : present) {
            met += node.labels().containsKey(key) ? 1 : 0;
        }
        for (String key : absent) {
            met += node.labels().containsKey(key) ? 0 : 1;
        }
        return met * MAX_SCORE / configured;
    }
}
