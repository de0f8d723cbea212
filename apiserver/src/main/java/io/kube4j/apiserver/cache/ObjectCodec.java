package io.kube4j.apiserver.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.storage.Storage;
import io.kube4j.common.api.Json;
import io.kube4j.common.selector.SelectableFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns stored values into wire objects of one type: etcd keeps objects without a
 * resourceVersion (the mod revision is the version), clients get it set.
 */
public final class ObjectCodec {

    private final Map<String, Function<JsonNode, String>> fields = new LinkedHashMap<>();

    public ObjectCodec(ResourceType type) {
        for (String field : SelectableFields.fields(type.group(), type.kind())) {
            SelectableFields.extractor(type.group(), type.kind(), field).ifPresent(f -> fields.put(field, f));
        }
    }

    /** The stored JSON with metadata.resourceVersion set to {@code revision}. */
    public static ObjectNode decode(byte[] value, long revision) {
        try {
            ObjectNode object = (ObjectNode) Json.MAPPER.readTree(value);
            setResourceVersion(object, revision);
            return object;
        } catch (IOException | ClassCastException e) {
            throw new UncheckedIOException(new IOException("corrupt stored object: " + e.getMessage(), e));
        }
    }

    public static void setResourceVersion(ObjectNode object, long revision) {
        JsonNode metadata = object.get("metadata");
        ObjectNode meta = metadata instanceof ObjectNode m ? m : object.putObject("metadata");
        meta.put("resourceVersion", Long.toString(revision));
    }

    public CachedObject cached(Storage.Entry entry) {
        return cached(entry.key(), decode(entry.value(), entry.modRevision()), entry.modRevision());
    }

    /** A cache item of {@code object}, whose resourceVersion is already {@code revision}. */
    public CachedObject cached(String key, ObjectNode object, long revision) {
        return cached(key, object, Json.bytes(object), revision);
    }

    /**
     * A cache item of {@code object} whose wire JSON at {@code revision} is {@code json} (the tree
     * itself may lack the resourceVersion: no selectable field reads it).
     */
    public CachedObject cached(String key, ObjectNode object, byte[] json, long revision) {
        JsonNode metadata = object.path("metadata");
        Map<String, String> labels = new HashMap<>();
        metadata.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        Map<String, String> values = new HashMap<>(fields.size() * 2);
        fields.forEach((name, extractor) -> values.put(name, extractor.apply(object)));
        return new CachedObject(key, metadata.path("namespace").asText(""), metadata.path("name").asText(""),
                labels, values, json, revision);
    }
}
