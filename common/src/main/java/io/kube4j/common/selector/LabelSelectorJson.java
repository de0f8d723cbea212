package io.kube4j.common.selector;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.selector.LabelSelector.Operator;
import io.kube4j.common.selector.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The API object form of a label selector, and reading an object's labels from its JSON tree. */
final class LabelSelectorJson {

    private LabelSelectorJson() {
    }

    static LabelSelector fromJson(JsonNode selector) {
        if (absent(selector)) {
            return LabelSelector.everything();
        }
        if (!selector.isObject()) {
            throw new SelectorException("label selector must be an object, found " + selector.getNodeType());
        }
        List<Requirement> requirements = new ArrayList<>();
        JsonNode matchLabels = selector.path("matchLabels");
        if (!absent(matchLabels)) {
            if (!matchLabels.isObject()) {
                throw new SelectorException("matchLabels must be an object, found " + matchLabels.getNodeType());
            }
            for (Map.Entry<String, JsonNode> label : matchLabels.properties()) {
                String value = text(label.getValue(), "matchLabels[\"" + label.getKey() + "\"]");
                requirements.add(new Requirement(label.getKey(), Operator.EQUALS, List.of(value)));
            }
        }
        JsonNode expressions = selector.path("matchExpressions");
        if (!absent(expressions)) {
            if (!expressions.isArray()) {
                throw new SelectorException("matchExpressions must be an array, found " + expressions.getNodeType());
            }
            for (int i = 0; i < expressions.size(); i++) {
                requirements.add(expression(expressions.get(i), "matchExpressions[" + i + "]"));
            }
        }
        return new RequirementsSelector(requirements);
    }

    static LabelSelector fromLabels(Map<String, String> labels) {
        List<Requirement> requirements = new ArrayList<>();
        if (labels != null) {
            labels.forEach((key, value) -> requirements.add(new Requirement(key, Operator.EQUALS, List.of(value))));
        }
        return new RequirementsSelector(requirements);
    }

    /** The labels object as a map; absent or not an object reads as no labels. */
    static Map<String, String> labels(JsonNode metadataLabels) {
        if (metadataLabels == null || !metadataLabels.isObject()) {
            return Map.of();
        }
        Map<String, String> labels = new HashMap<>();
        for (Map.Entry<String, JsonNode> label : metadataLabels.properties()) {
            if (!label.getValue().isNull()) {
                labels.put(label.getKey(), label.getValue().asText());
            }
        }
        return labels;
    }

    private static Requirement expression(JsonNode expression, String path) {
        if (expression == null || !expression.isObject()) {
            throw new SelectorException(path + " must be an object");
        }
        String key = text(expression.path("key"), path + ".key");
        String operatorName = text(expression.path("operator"), path + ".operator");
        Operator operator = switch (operatorName) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default -> throw new SelectorException(
                    "\"" + operatorName + "\" is not a valid label selector operator (" + path + ".operator)");
        };
        List<String> values = new ArrayList<>();
        JsonNode valuesNode = expression.path("values");
        if (!absent(valuesNode)) {
            if (!valuesNode.isArray()) {
                throw new SelectorException(path + ".values must be an array of strings");
            }
            for (int i = 0; i < valuesNode.size(); i++) {
                values.add(text(valuesNode.get(i), path + ".values[" + i + "]"));
            }
        }
        return new Requirement(key, operator, values);
    }

    private static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw new SelectorException(path + " must be a string");
        }
        return node.asText();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
