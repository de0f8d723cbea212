package io.kube4j.controllermanager.deployment;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a rollout, decided from counts alone: the replicas the new ReplicaSet and each
 * old one should have now. Applying the plan and syncing again, as pods become available,
 * walks the deployment to its template without breaking maxSurge or maxUnavailable.
 */
final class Rollout {

    /** Target replicas: the new ReplicaSet's, and each old one's by name (only those that change). */
    record Plan(int newReplicas, Map<String, Integer> oldReplicas) {
    }

    private Rollout() {
    }

    static Plan rolling(int replicas, RolloutMath.Limits limits, RsState current, List<RsState> old) {
        List<RsState> oldestFirst = old.stream().sorted(Comparator.comparingLong(RsState::revision)).toList();
        int newSpec = current == null ? 0 : current.spec();
        int newAvailable = current == null ? 0 : current.available();
        if (oldestFirst.stream().allMatch(o -> o.footprint() == 0)) {
            return new Plan(replicas, Map.of());
        }
        int footprint = (current == null ? 0 : current.footprint()) + oldestFirst.stream().mapToInt(RsState::footprint).sum();
        int newTarget = RolloutMath.scaledUpNew(replicas, limits.maxSurge(), footprint, newSpec);

        int totalSpec = newSpec + oldestFirst.stream().mapToInt(RsState::spec).sum();
        int budget = RolloutMath.maxScaleDown(replicas, limits.maxUnavailable(), totalSpec, newSpec, newAvailable);
        Map<String, Integer> targets = new LinkedHashMap<>();
        for (RsState o : oldestFirst) {
            targets.put(o.name(), o.spec());
        }
        if (budget <= 0) {
            return new Plan(newTarget, Map.of());
        }
        // first the old pods that are not available anyway: removing them costs no availability
        for (RsState o : oldestFirst) {
            int unhealthy = o.spec() - o.available();
            if (budget <= 0 || unhealthy <= 0) {
                continue;
            }
            int down = Math.min(budget, unhealthy);
            targets.put(o.name(), o.spec() - down);
            budget -= down;
        }
        int available = newAvailable + oldestFirst.stream().mapToInt(RsState::available).sum();
        int spare = available - (replicas - limits.maxUnavailable());
        for (RsState o : oldestFirst) {
            int now = targets.get(o.name());
            if (spare <= 0 || now == 0) {
                continue;
            }
            int down = Math.min(now, spare);
            targets.put(o.name(), now - down);
            spare -= down;
        }
        return new Plan(newTarget, changed(targets, oldestFirst));
    }

    static Plan recreate(int replicas, RsState current, List<RsState> old) {
        if (old.stream().anyMatch(o -> o.spec() > 0)) {
            Map<String, Integer> targets = new LinkedHashMap<>();
            old.stream().filter(o -> o.spec() > 0).forEach(o -> targets.put(o.name(), 0));
            return new Plan(current == null ? 0 : current.spec(), targets);
        }
        if (old.stream().anyMatch(o -> o.current() > 0)) {
            return new Plan(current == null ? 0 : current.spec(), Map.of());
        }
        return new Plan(replicas, Map.of());
    }

    private static Map<String, Integer> changed(Map<String, Integer> targets, List<RsState> old) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (RsState o : old) {
            if (targets.get(o.name()) != o.spec()) {
                out.put(o.name(), targets.get(o.name()));
            }
        }
        return out;
    }
}
