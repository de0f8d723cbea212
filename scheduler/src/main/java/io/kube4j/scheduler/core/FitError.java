package io.kube4j.scheduler.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why no node fitted a pod: how many nodes there were and how many failed for each reason. Its
 * message reads like Kubernetes' — {@code 0/3 nodes are available: 1 node(s) were unschedulable,
 * 2 Insufficient cpu.} — the "count reason" phrases sorted as strings.
 */
public record FitError(int allNodes, Map<String, Integer> reasons) {

    public FitError {
        reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
    }

    public String message() {
        if (allNodes == 0) {
            return "0/0 nodes are available: no nodes available to schedule pods.";
        }
        List<String> counted = new ArrayList<>();
        reasons.forEach((reason, count) -> counted.add(count + " " + reason));
        Collections.sort(counted);
        return "0/" + allNodes + " nodes are available: " + String.join(", ", counted) + ".";
    }
}
