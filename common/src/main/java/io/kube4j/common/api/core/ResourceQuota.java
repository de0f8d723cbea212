package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 ResourceQuota, kept as its JSON tree (see {@link KubeObject}). */
public final class ResourceQuota extends KubeObject {

    public static final Kind<ResourceQuota> KIND = new Kind<>("", "v1", "resourcequotas", "ResourceQuota", true, ResourceQuota::new);

    public ResourceQuota(ObjectNode json) {
        super(json);
    }

    /** A new, empty ResourceQuota with kind, apiVersion and name set. */
    public static ResourceQuota named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "ResourceQuota");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new ResourceQuota(json);
    }

    /** A copy of {@code json} as a ResourceQuota. */
    public static ResourceQuota of(JsonNode json) {
        return new ResourceQuota(((ObjectNode) json).deepCopy());
    }

    @Override
    public ResourceQuota deepCopy() {
        return new ResourceQuota(json().deepCopy());
    }
}
