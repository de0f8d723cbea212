package io.kube4j.controllermanager.deployment;

import com.fasterxml.jackson.databind.JsonNode;

/** The arithmetic of a rolling update, as pure functions over replica counts. */
final class RolloutMath {

    /** The resolved {@code maxSurge} and {@code maxUnavailable} of a rolling update. */
    record Limits(int maxSurge, int maxUnavailable) {
    }

    private RolloutMath() {
    }

    /** Percentages of {@code replicas}: surge rounds up, unavailable down; both zero means one may be unavailable. */
    static Limits limits(JsonNode rollingUpdate, int replicas) {
        int surge = resolve(rollingUpdate.path("maxSurge"), replicas, true);
        int unavailable = resolve(rollingUpdate.path("maxUnavailable"), replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Limits(surge, Math.min(unavailable, replicas));
    }

    /** An int, or a string "N%" (of {@code total}) or "N"; missing means 25%. */
    static int resolve(JsonNode value, int total, boolean roundUp) {
        if (value.isInt() || value.isLong()) {
            return Math.max(0, value.asInt());
        }
        String text = value.isTextual() ? value.asText().trim() : "25%";
        if (text.endsWith("%")) {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1).trim());
            long scaled = (long) percent * total;
            return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
        }
        return Math.max(0, Integer.parseInt(text));
    }

    /**
     * The new ReplicaSet's replicas after scaling up: as many more as keep the total under
     * {@code replicas + maxSurge}, never above {@code replicas}.
     * <pre>replicas 4, surge 1, total 4, new 0 → 1;  total 5 → 0 (unchanged)</pre>
     */
    static int scaledUpNew(int replicas, int maxSurge, int total, int newReplicas) {
        if (newReplicas >= replicas) {
            return replicas;
        }
        int room = replicas + maxSurge - total;
        if (room <= 0) {
            return newReplicas;
        }
        return Math.min(replicas, newReplicas + room);
    }

    /**
     * How many old replicas may go now without dropping below {@code replicas - maxUnavailable},
     * counting the new ReplicaSet's not-yet-available pods as already unavailable.
     * <pre>replicas 4, unavailable 1, total spec 5, new spec 1 with 0 available → 5 - 3 - 1 = 1</pre>
     */
    static int maxScaleDown(int replicas, int maxUnavailable, int totalSpec, int newSpec, int newAvailable) {
        int minAvailable = replicas - maxUnavailable;
        int newUnavailable = Math.max(0, newSpec - newAvailable);
        return Math.max(0, totalSpec - minAvailable - newUnavailable);
    }
}
