package io.kube4j.common.api.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** apps/v1 Deployment, kept as its JSON tree (see {@link KubeObject}). */
public final class Deployment extends KubeObject {

    public static final Kind<Deployment> KIND = new Kind<>("apps", "v1", "deployments", "Deployment", true, Deployment::new);

    public Deployment(ObjectNode json) {
        super(json);
    }

    /** A new, empty Deployment with kind, apiVersion and name set. */
    public static Deployment named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "apps/v1");
        json.put("kind", "Deployment");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new Deployment(json);
    }

    /** A copy of {@code json} as a Deployment. */
    public static Deployment of(JsonNode json) {
        return new Deployment(((ObjectNode) json).deepCopy());
    }

    @Override
    public Deployment deepCopy() {
        return new Deployment(json().deepCopy());
    }

    public int replicas() {
        return spec().path("replicas").asInt(1);
    }
}
