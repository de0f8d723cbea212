package io.kube4j.scheduler.core;

/** The outcome of one scheduling cycle for one pod: a node, no node (and why), or a failure. */
public sealed interface ScheduleDecision {

    /** The pod goes to {@code nodeName}, chosen among {@code feasibleNodes} of the {@code evaluatedNodes} filtered. */
    record Fits(String nodeName, int evaluatedNodes, int feasibleNodes) implements ScheduleDecision {
    }

    /** No node can run the pod now: park it until the cluster changes. */
    record NoFit(FitError error) implements ScheduleDecision {
    }

    /** A plugin failed: retry the pod after its backoff. */
    record Failed(String message) implements ScheduleDecision {
    }
}
