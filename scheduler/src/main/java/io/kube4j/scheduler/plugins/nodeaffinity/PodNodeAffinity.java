package io.kube4j.scheduler.plugins.nodeaffinity;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.scheduler.framework.CycleState;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pod says about the nodes it wants, parsed once per scheduling cycle: its
 * {@code spec.nodeSelector}, its required node affinity terms (any one must match; none given
 * means no constraint) and its preferred terms with their weights.
 *
 * @param totalPreferredWeight the sum of the weights of all preferred terms
 */
public record PodNodeAffinity(Map<String, String> nodeSelector, List<NodeSelectorTerm> required,
                              List<Preferred> preferred, int totalPreferredWeight) {

    /** A preferred scheduling term and its weight (1–100). */
    public record Preferred(int weight, NodeSelectorTerm term) {
    }

    private static final CycleState.Key<PodNodeAffinity> KEY = new CycleState.Key<>("nodeaffinity.PodNodeAffinity");

    public PodNodeAffinity {
        nodeSelector = Map.copyOf(nodeSelector);
        required = required == null ? null : List.copyOf(required);
        preferred = List.copyOf(preferred);
    }

    PodNodeAffinity(Map<String, String> nodeSelector, List<NodeSelectorTerm> required, List<Preferred> preferred) {
        this(nodeSelector, required, preferred, preferred.stream().mapToInt(Preferred::weight).sum());
    }

    /** The pod's affinity, parsed on first use in this cycle. */
    public static PodNodeAffinity of(CycleState state, PodInfo pod) {
        return state.computeIfAbsent(KEY, () -> parse(pod.pod().json().path("spec")));
    }

    static PodNodeAffinity parse(JsonNode spec) {
        Map<String, String> selector = new LinkedHashMap<>();
        spec.path("nodeSelector").properties().forEach(e -> selector.put(e.getKey(), e.getValue().asText()));
        JsonNode affinity = spec.path("affinity").path("nodeAffinity");
        JsonNode requiredNode = affinity.path("requiredDuringSchedulingIgnoredDuringExecution");
        List<NodeSelectorTerm> required = null;
        if (requiredNode.isObject()) {
            required = new ArrayList<>();
            for (JsonNode term : requiredNode.path("nodeSelectorTerms")) {
                required.add(NodeSelectorTerm.of(term));
            }
        }
        List<Preferred> preferred = new ArrayList<>();
        for (JsonNode p : affinity.path("preferredDuringSchedulingIgnoredDuringExecution")) {
            int weight = p.path("weight").asInt(0);
            if (weight > 0) {
                preferred.add(new Preferred(weight, NodeSelectorTerm.of(p.path("preference"))));
            }
        }
        return new PodNodeAffinity(selector, required, preferred);
    }

    /** The node selector and the required terms both hold for {@code node}. */
    public boolean requiredMatch(NodeInfo node) {
        if (nodeSelector.isEmpty() && required == null) {
            return true;
        }
        for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
            if (!e.getValue().equals(node.labels().get(e.getKey()))) {
                return false;
            }
        }
        if (required == null) {
            return true;
        }
        for (NodeSelectorTerm term : required) {
            if (term.matches(node)) {
                return true;
            }
        }
        return false;
    }

    /** The sum of the weights of the preferred terms {@code node} matches. */
    public int preferredWeight(NodeInfo node) {
        int sum = 0;
        for (Preferred p : preferred) {
            if (p.term().matches(node)) {
                sum += p.weight();
            }
        }
        return sum;
    }

}
