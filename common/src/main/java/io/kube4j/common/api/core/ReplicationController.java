package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 ReplicationController, kept as its JSON tree (see {@link KubeObject}). */
public final class ReplicationController extends KubeObject {

    public static final Kind<ReplicationController> KIND = new Kind<>("", "v1", "replicationcontrollers", "ReplicationController", true, ReplicationController::new);

    public ReplicationController(ObjectNode json) {
        super(json);
    }

    /** A new, empty ReplicationController with kind, apiVersion and name set. */
    public static ReplicationController named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "ReplicationController");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new ReplicationController(json);
    }

    /** A copy of {@code json} as a ReplicationController. */
    public static ReplicationController of(JsonNode json) {
        return new ReplicationController(((ObjectNode) json).deepCopy());
    }

    @Override
    public ReplicationController deepCopy() {
        return new ReplicationController(json().deepCopy());
    }

    public int replicas() {
        return spec().path("replicas").asInt(1);
    }
}
