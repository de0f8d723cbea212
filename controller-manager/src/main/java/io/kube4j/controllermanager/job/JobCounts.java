package io.kube4j.controllermanager.job;

import io.kube4j.common.api.core.Pod;
import java.util.List;

/** A Job's pods by outcome. */
record JobCounts(List<Pod> active, int succeeded, int failed) {

    static JobCounts of(List<Pod> pods) {
        int succeeded = 0;
        int failed = 0;
        List<Pod> active = new java.util.ArrayList<>();
        for (Pod pod : pods) {
            switch (pod.phase()) {
                case "Succeeded" -> succeeded++;
                case "Failed" -> failed++;
                default -> {
                    if (!pod.metadata().isBeingDeleted()) {
                        active.add(pod);
                    }
                }
            }
        }
        return new JobCounts(List.copyOf(active), succeeded, failed);
    }
}
