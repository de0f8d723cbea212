package io.kube4j.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/** The {@code resources} array of an APIResourceList: resources and subresources, sorted by name as Kubernetes lists them. */
final class ApiResources {

    private ApiResources() {
    }

    static ArrayNode of(String group, String version, List<ResourceType> served) {
        List<ObjectNode> entries = new ArrayList<>();
        for (ResourceType type : served) {
            entries.add(resource(type));
            for (String name : type.subresources()) {
                entries.add(subresource(type, Subresource.of(name, type)));
            }
        }
        if (group.isEmpty() && version.equals("v1") && served.stream().noneMatch(t -> t.plural().equals("bindings"))) {
            entries.add(bindings());
        }
        entries.sort(Comparator.comparing(e -> e.get("name").asText()));
        ArrayNode resources = Json.MAPPER.createArrayNode();
        resources.addAll(entries);
        return resources;
    }

    private static ObjectNode resource(ResourceType type) {
        ObjectNode entry = Json.object();
        entry.put("name", type.plural());
        entry.put("singularName", type.singular());
        entry.put("namespaced", type.namespaced());
        entry.put("kind", type.kind());
        strings(entry, "verbs", type.verbs());
        if (!type.shortNames().isEmpty()) {
            strings(entry, "shortNames", type.shortNames());
        }
        if (!type.categories().isEmpty()) {
            strings(entry, "categories", type.categories());
        }
        entry.put("storageVersionHash", storageVersionHash(type.group(), type.version(), type.kind()));
        return entry;
    }

    private static ObjectNode subresource(ResourceType parent, Subresource sub) {
        ObjectNode entry = Json.object();
        entry.put("name", parent.plural() + "/" + sub.name());
        entry.put("singularName", "");
        entry.put("namespaced", parent.namespaced());
        if (sub.group() != null) {
            entry.put("group", sub.group());
            entry.put("version", sub.version());
        }
        entry.put("kind", sub.kind());
        strings(entry, "verbs", sub.verbs());
        return entry;
    }

    /** {@code POST /api/v1/namespaces/<ns>/bindings}: the scheduler's legacy binding endpoint. */
    private static ObjectNode bindings() {
        ObjectNode entry = Json.object();
        entry.put("name", "bindings");
        entry.put("singularName", "binding");
        entry.put("namespaced", true);
        entry.put("kind", "Binding");
        strings(entry, "verbs", List.of("create"));
        return entry;
    }

    private static void strings(ObjectNode entry, String field, List<String> values) {
        ArrayNode array = entry.putArray(field);
        values.forEach(array::add);
    }

    /** As Kubernetes computes it: base64 of the first 8 bytes of SHA-256("group/version/kind"). */
    static String storageVersionHash(String group, String version, String kind) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((group + "/" + version + "/" + kind).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
