package io.kube4j.common.api.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** apps/v1 ReplicaSet, kept as its JSON tree (see {@link KubeObject}). */
public final class ReplicaSet extends KubeObject {

    public static final Kind<ReplicaSet> KIND = new Kind<>("apps", "v1", "replicasets", "ReplicaSet", true, ReplicaSet::new);

    public ReplicaSet(ObjectNode json) {
        super(json);
    }

    /** A new, empty ReplicaSet with kind, apiVersion and name set. */
    public static ReplicaSet named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "apps/v1");
        json.put("kind", "ReplicaSet");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new ReplicaSet(json);
    }

    /** A copy of {@code json} as a ReplicaSet. */
    public static ReplicaSet of(JsonNode json) {
        return new ReplicaSet(((ObjectNode) json).deepCopy());
    }

    @Override
    public ReplicaSet deepCopy() {
        return new ReplicaSet(json().deepCopy());
    }

    public int replicas() {
        return spec().path("replicas").asInt(1);
    }
}
