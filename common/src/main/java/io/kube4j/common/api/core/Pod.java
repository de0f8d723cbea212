package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 Pod, kept as its JSON tree (see {@link KubeObject}). */
public final class Pod extends KubeObject {

    public static final Kind<Pod> KIND = new Kind<>("", "v1", "pods", "Pod", true, Pod::new);

    public Pod(ObjectNode json) {
        super(json);
    }

    /** A new, empty Pod with kind, apiVersion and name set. */
    public static Pod named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "Pod");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new Pod(json);
    }

    /** A copy of {@code json} as a Pod. */
    public static Pod of(JsonNode json) {
        return new Pod(((ObjectNode) json).deepCopy());
    }

    @Override
    public Pod deepCopy() {
        return new Pod(json().deepCopy());
    }

    public String nodeName() {
        return spec().path("nodeName").asText("");
    }

    public String phase() {
        return status().path("phase").asText("");
    }

    public String schedulerName() {
        return spec().path("schedulerName").asText("default-scheduler");
    }
}
