package io.kube4j.scheduler.framework;

/** A score plugin and the weight its scores are multiplied by. */
public record WeightedScore(ScorePlugin plugin, int weight) {

    public WeightedScore {
        if (weight < 1) {
            throw new IllegalArgumentException("the weight of score plugin " + plugin.name() + " must be at least 1, got " + weight);
        }
    }
}
