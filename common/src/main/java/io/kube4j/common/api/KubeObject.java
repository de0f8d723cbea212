package io.kube4j.common.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.ObjectMeta;

/**
 * A Kubernetes object kept as its JSON tree, with typed views over the fields kube4j uses.
 * Because the tree is the object, fields this code does not model survive every
 * read-modify-write untouched. Objects are mutable: never mutate one that came out of an
 * informer cache — {@link #deepCopy()} it first.
 */
public abstract class KubeObject {

    private final ObjectNode json;

    protected KubeObject(ObjectNode json) {
        this.json = json;
    }

    /** The whole object as a JSON tree; changes to it change this object. */
    public ObjectNode json() {
        return json;
    }

    public String apiVersion() {
        return json.path("apiVersion").asText("");
    }

    public String kind() {
        return json.path("kind").asText("");
    }

    public ObjectMeta metadata() {
        return new ObjectMeta(child(json, "metadata"));
    }

    /** {@code spec}, created empty when absent. */
    public ObjectNode spec() {
        return child(json, "spec");
    }

    /** {@code status}, created empty when absent. */
    public ObjectNode status() {
        return child(json, "status");
    }

    /** {@code namespace/name}, or {@code name} for cluster-scoped objects: the key of caches and work queues. */
    public String key() {
        ObjectMeta meta = metadata();
        return meta.namespace().isEmpty() ? meta.name() : meta.namespace() + "/" + meta.name();
    }

    public abstract KubeObject deepCopy();

    protected static ObjectNode child(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(field);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KubeObject o && o.getClass() == getClass() && o.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return kind() + " " + key();
    }
}
