package io.kube4j.common.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;

/** An entry of {@code metadata.ownerReferences}. */
public record OwnerReference(String apiVersion, String kind, String name, String uid, boolean controller,
                             boolean blockOwnerDeletion) {

    public static OwnerReference fromJson(JsonNode json) {
        return new OwnerReference(json.path("apiVersion").asText(""), json.path("kind").asText(""),
                json.path("name").asText(""), json.path("uid").asText(""), json.path("controller").asBoolean(false),
                json.path("blockOwnerDeletion").asBoolean(false));
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("apiVersion", apiVersion);
        json.put("kind", kind);
        json.put("name", name);
        json.put("uid", uid);
        if (controller) {
            json.put("controller", true);
        }
        if (blockOwnerDeletion) {
            json.put("blockOwnerDeletion", true);
        }
        return json;
    }
}
