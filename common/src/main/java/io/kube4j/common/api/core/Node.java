package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 Node, kept as its JSON tree (see {@link KubeObject}). */
public final class Node extends KubeObject {

    public static final Kind<Node> KIND = new Kind<>("", "v1", "nodes", "Node", false, Node::new);

    public Node(ObjectNode json) {
        super(json);
    }

    /** A new, empty Node with kind, apiVersion and name set. */
    public static Node named(String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "Node");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        return new Node(json);
    }

    /** A copy of {@code json} as a Node. */
    public static Node of(JsonNode json) {
        return new Node(((ObjectNode) json).deepCopy());
    }

    @Override
    public Node deepCopy() {
        return new Node(json().deepCopy());
    }

    public boolean unschedulable() {
        return spec().path("unschedulable").asBoolean(false);
    }

    /** The status of the {@code Ready} condition: True, False, Unknown, or "" when absent. */
    public String readyStatus() {
        for (JsonNode condition : status().path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText("");
            }
        }
        return "";
    }
}
