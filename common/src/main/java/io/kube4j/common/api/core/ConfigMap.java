package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 ConfigMap, kept as its JSON tree (see {@link KubeObject}). */
public final class ConfigMap extends KubeObject {

    public static final Kind<ConfigMap> KIND = new Kind<>("", "v1", "configmaps", "ConfigMap", true, ConfigMap::new);

    public ConfigMap(ObjectNode json) {
        super(json);
    }

    /** A new, empty ConfigMap with kind, apiVersion and name set. */
    public static ConfigMap named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "ConfigMap");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new ConfigMap(json);
    }

    /** A copy of {@code json} as a ConfigMap. */
    public static ConfigMap of(JsonNode json) {
        return new ConfigMap(((ObjectNode) json).deepCopy());
    }

    @Override
    public ConfigMap deepCopy() {
        return new ConfigMap(json().deepCopy());
    }

    /** {@code data}, created empty when absent. */
    public ObjectNode data() {
        return child(json(), "data");
    }
}
