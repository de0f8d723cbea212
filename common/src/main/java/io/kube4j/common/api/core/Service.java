package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 Service, kept as its JSON tree (see {@link KubeObject}). */
public final class Service extends KubeObject {

    public static final Kind<Service> KIND = new Kind<>("", "v1", "services", "Service", true, Service::new);

    public Service(ObjectNode json) {
        super(json);
    }

    /** A new, empty Service with kind, apiVersion and name set. */
    public static Service named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "Service");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new Service(json);
    }

    /** A copy of {@code json} as a Service. */
    public static Service of(JsonNode json) {
        return new Service(((ObjectNode) json).deepCopy());
    }

    @Override
    public Service deepCopy() {
        return new Service(json().deepCopy());
    }

    public String clusterIP() {
        return spec().path("clusterIP").asText("");
    }
}
