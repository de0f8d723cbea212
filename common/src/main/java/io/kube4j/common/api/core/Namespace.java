package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 Namespace, kept as its JSON tree (see {@link KubeObject}). */
public final class Namespace extends KubeObject {

    public static final Kind<Namespace> KIND = new Kind<>("", "v1", "namespaces", "Namespace", false, Namespace::new);

    public Namespace(ObjectNode json) {
        super(json);
    }

    /** A new, empty Namespace with kind, apiVersion and name set. */
    public static Namespace named(String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "Namespace");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        return new Namespace(json);
    }

    /** A copy of {@code json} as a Namespace. */
    public static Namespace of(JsonNode json) {
        return new Namespace(((ObjectNode) json).deepCopy());
    }

    @Override
    public Namespace deepCopy() {
        return new Namespace(json().deepCopy());
    }

    public String phase() {
        return status().path("phase").asText("");
    }
}
