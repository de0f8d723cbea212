package io.kube4j.controllermanager.replicaset;

import io.kube4j.common.api.core.Pod;
import io.kube4j.controllermanager.util.Pods;
import java.time.Instant;
import java.util.Comparator;

/**
 * The order in which surplus pods go, cheapest loss first: unscheduled before scheduled, pending
 * before unknown before running, not ready before ready, newest before oldest.
 */
final class DeletionRanking {

    static final Comparator<Pod> CHEAPEST_FIRST = Comparator
            .comparingInt((Pod p) -> p.nodeName().isEmpty() ? 0 : 1)
            .thenComparingInt(DeletionRanking::phaseRank)
            .thenComparingInt(p -> Pods.isReady(p) ? 1 : 0)
            .thenComparing((Pod p) -> p.metadata().creationTimestamp().orElse(Instant.EPOCH), Comparator.reverseOrder())
            .thenComparing(p -> p.metadata().name(), Comparator.reverseOrder());

    private DeletionRanking() {
    }

    private static int phaseRank(Pod pod) {
        return switch (pod.phase()) {
            case "Pending", "" -> 0;
            case "Unknown" -> 1;
            default -> 2;
        };
    }
}
