package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 Secret, kept as its JSON tree (see {@link KubeObject}). */
public final class Secret extends KubeObject {

    public static final Kind<Secret> KIND = new Kind<>("", "v1", "secrets", "Secret", true, Secret::new);

    public Secret(ObjectNode json) {
        super(json);
    }

    /** A new, empty Secret with kind, apiVersion and name set. */
    public static Secret named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "Secret");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new Secret(json);
    }

    /** A copy of {@code json} as a Secret. */
    public static Secret of(JsonNode json) {
        return new Secret(((ObjectNode) json).deepCopy());
    }

    @Override
    public Secret deepCopy() {
        return new Secret(json().deepCopy());
    }

    public String type() {
        return json().path("type").asText("");
    }
}
