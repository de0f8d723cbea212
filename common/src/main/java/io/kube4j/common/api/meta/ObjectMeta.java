package io.kube4j.common.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A view of an object's {@code metadata}; reads and writes go to the underlying tree. */
public final class ObjectMeta {

    private final ObjectNode json;

    public ObjectMeta(ObjectNode json) {
        this.json = json;
    }

    public ObjectNode json() {
        return json;
    }

    public String name() {
        return json.path("name").asText("");
    }

    public ObjectMeta name(String name) {
        json.put("name", name);
        return this;
    }

    public String generateName() {
        return json.path("generateName").asText("");
    }

    public ObjectMeta generateName(String prefix) {
        json.put("generateName", prefix);
        return this;
    }

    public String namespace() {
        return json.path("namespace").asText("");
    }

    public ObjectMeta namespace(String namespace) {
        json.put("namespace", namespace);
        return this;
    }

    public String uid() {
        return json.path("uid").asText("");
    }

    public String resourceVersion() {
        return json.path("resourceVersion").asText("");
    }

    public ObjectMeta resourceVersion(String rv) {
        if (rv == null || rv.isEmpty()) {
            json.remove("resourceVersion");
        } else {
            json.put("resourceVersion", rv);
        }
        return this;
    }

    public long generation() {
        return json.path("generation").asLong(0);
    }

    public Optional<Instant> creationTimestamp() {
        return instant("creationTimestamp");
    }

    public Optional<Instant> deletionTimestamp() {
        return instant("deletionTimestamp");
    }

    public boolean isBeingDeleted() {
        return json.hasNonNull("deletionTimestamp");
    }

    public Map<String, String> labels() {
        return strings("labels");
    }

    public ObjectMeta label(String key, String value) {
        map("labels").put(key, value);
        return this;
    }

    public Map<String, String> annotations() {
        return strings("annotations");
    }

    public ObjectMeta annotation(String key, String value) {
        map("annotations").put(key, value);
        return this;
    }

    public List<String> finalizers() {
        List<String> out = new ArrayList<>();
        json.path("finalizers").forEach(f -> out.add(f.asText()));
        return out;
    }

    public List<OwnerReference> ownerReferences() {
        List<OwnerReference> out = new ArrayList<>();
        for (JsonNode r : json.path("ownerReferences")) {
            out.add(OwnerReference.fromJson(r));
        }
        return out;
    }

    /** The owner with {@code controller: true}, if any. */
    public Optional<OwnerReference> controllerRef() {
        return ownerReferences().stream().filter(OwnerReference::controller).findFirst();
    }

    public ObjectMeta addOwnerReference(OwnerReference reference) {
        ArrayNode refs = json.get("ownerReferences") instanceof ArrayNode a ? a : json.putArray("ownerReferences");
        refs.add(reference.toJson());
        return this;
    }

    private ObjectNode map(String field) {
        return json.get(field) instanceof ObjectNode o ? o : json.putObject(field);
    }

    private Map<String, String> strings(String field) {
        Map<String, String> out = new LinkedHashMap<>();
        json.path(field).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private Optional<Instant> instant(String field) {
        String text = json.path(field).asText("");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
