package io.kube4j.scheduler.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.core.Node;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;

/** A fluent builder of test nodes, Ready with 4 cpu / 8Gi / 110 pods unless told otherwise. */
public final class NodeBuilder {

    private final Node node;

    private NodeBuilder(String name) {
        this.node = Node.named(name);
        node.json().putObject("spec");
        allocatable("4", "8Gi", "110");
        ready("True");
    }

    public static NodeBuilder node(String name) {
        return new NodeBuilder(name);
    }

    public NodeBuilder allocatable(String cpu, String memory, String pods) {
        ObjectNode status = object(node.json(), "status");
        for (String field : new String[] {"capacity", "allocatable"}) {
            ObjectNode amounts = status.putObject(field);
            amounts.put("cpu", cpu);
            amounts.put("memory", memory);
            amounts.put("pods", pods);
        }
        return this;
    }

    public NodeBuilder label(String key, String value) {
        node.metadata().label(key, value);
        return this;
    }

    public NodeBuilder taint(String key, String value, String effect) {
        ObjectNode spec = object(node.json(), "spec");
        ArrayNode taints = spec.has("taints") ? (ArrayNode) spec.get("taints") : spec.putArray("taints");
        taints.addObject().put("key", key).put("value", value).put("effect", effect);
        return this;
    }

    public NodeBuilder unschedulable() {
        object(node.json(), "spec").put("unschedulable", true);
        return this;
    }

    /** Sets the Ready condition's status: True, False or Unknown; null removes the conditions. */
    public NodeBuilder ready(String status) {
        ObjectNode s = object(node.json(), "status");
        s.remove("conditions");
        if (status != null) {
            s.putArray("conditions").addObject().put("type", "Ready").put("status", status);
        }
        return this;
    }

    public Node build() {
        return node.deepCopy();
    }

    /** The node in a NodeInfo carrying {@code pods}. */
    public NodeInfo info(PodInfo... pods) {
        NodeInfo info = NodeInfo.of(build());
        for (PodInfo pod : pods) {
            info = info.withPod(pod);
        }
        return info;
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
    }
}
