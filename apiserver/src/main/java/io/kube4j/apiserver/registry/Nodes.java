package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers for reading and filling JSON trees in strategies. */
public final class Nodes {

    private Nodes() {
    }

    /** The object field {@code name} of {@code parent}, created when absent or not an object. */
    public static ObjectNode object(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        if (child instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(name);
    }

    public static void defaultText(ObjectNode node, String field, String value) {
        if (!node.hasNonNull(field)) {
            node.put(field, value);
        }
    }

    public static void defaultInt(ObjectNode node, String field, int value) {
        if (!node.hasNonNull(field)) {
            node.put(field, value);
        }
    }

    public static ArrayNode array(JsonNode node, String field) {
        JsonNode child = node.get(field);
        return child instanceof ArrayNode a ? a : null;
    }

    public static String text(JsonNode node, String field) {
        JsonNode child = node.get(field);
        return child == null || child.isNull() ? null : child.asText();
    }
}
