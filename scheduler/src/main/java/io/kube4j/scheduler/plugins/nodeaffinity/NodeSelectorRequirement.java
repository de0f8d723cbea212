package io.kube4j.scheduler.plugins.nodeaffinity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One requirement of a node selector term: a key, an operator (In, NotIn, Exists, DoesNotExist,
 * Gt, Lt) and values. An unknown operator, or a Gt/Lt whose label or value is not an integer,
 * matches nothing, as in Kubernetes.
 */
public record NodeSelectorRequirement(String key, String operator, List<String> values) {

    public NodeSelectorRequirement {
        values = List.copyOf(values);
    }

    static List<NodeSelectorRequirement> listOf(JsonNode expressions) {
        List<NodeSelectorRequirement> out = new ArrayList<>();
        for (JsonNode e : expressions) {
            List<String> values = new ArrayList<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            out.add(new NodeSelectorRequirement(e.path("key").asText(""), e.path("operator").asText(""), values));
        }
        return List.copyOf(out);
    }

    /** Whether {@code labels} (a node's labels, or its fields for matchFields) satisfy this requirement. */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.get(key);
        return switch (operator) {
            case "In" -> actual != null && values.contains(actual);
            case "NotIn" -> actual == null || !values.contains(actual);
            case "Exists" -> actual != null;
            case "DoesNotExist" -> actual == null;
            case "Gt" -> compare(actual) > 0;
            case "Lt" -> compare(actual) < 0;
            default -> false;
        };
    }

    /** Sign of label − value for Gt/Lt; 0 (matching neither) when either is missing or not an integer. */
    private int compare(String actual) {
        if (actual == null || values.size() != 1) {
            return 0;
        }
        try {
            return Long.compare(Long.parseLong(actual), Long.parseLong(values.get(0)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
