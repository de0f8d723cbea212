package io.kube4j.scheduler.plugins.nodeaffinity;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.scheduler.framework.NodeInfo;
import java.util.List;
import java.util.Map;

/**
 * A node selector term: every label expression and every field expression must match (AND). An
 * empty term matches no node, as in Kubernetes. The only node field is {@code metadata.name}.
 */
public record NodeSelectorTerm(List<NodeSelectorRequirement> matchExpressions, List<NodeSelectorRequirement> matchFields) {

    public NodeSelectorTerm {
        matchExpressions = List.copyOf(matchExpressions);
        matchFields = List.copyOf(matchFields);
    }

    static NodeSelectorTerm of(JsonNode term) {
        return new NodeSelectorTerm(NodeSelectorRequirement.listOf(term.path("matchExpressions")),
                NodeSelectorRequirement.listOf(term.path("matchFields")));
    }

    public boolean matches(NodeInfo node) {
        if (matchExpressions.isEmpty() && matchFields.isEmpty()) {
            return false;
        }
        for (NodeSelectorRequirement r : matchExpressions) {
            if (!r.matches(node.labels())) {
                return false;
            }
        }
        if (!matchFields.isEmpty()) {
            Map<String, String> fields = Map.of("metadata.name", node.name());
            for (NodeSelectorRequirement r : matchFields) {
                if (!r.matches(fields)) {
                    return false;
                }
            }
        }
        return true;
    }
}
