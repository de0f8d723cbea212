package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 Endpoints, kept as its JSON tree (see {@link KubeObject}). */
public final class Endpoints extends KubeObject {

    public static final Kind<Endpoints> KIND = new Kind<>("", "v1", "endpoints", "Endpoints", true, Endpoints::new);

    public Endpoints(ObjectNode json) {
        super(json);
    }

    /** A new, empty Endpoints with kind, apiVersion and name set. */
    public static Endpoints named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "Endpoints");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new Endpoints(json);
    }

    /** A copy of {@code json} as a Endpoints. */
    public static Endpoints of(JsonNode json) {
        return new Endpoints(((ObjectNode) json).deepCopy());
    }

    @Override
    public Endpoints deepCopy() {
        return new Endpoints(json().deepCopy());
    }
}
