package io.kube4j.apiserver.fieldmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.patch.ListTypes;
import io.kube4j.common.api.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field paths of an object and the values at them, walked with the kind's list types: the
 * items of an associative list are paths of their own ({@code k:{"name":"main"}}), so are the
 * items of a set ({@code v:"x"}); an atomic list is one leaf. Maps and structs are not members
 * themselves, only their leaves (an empty map is a leaf).
 */
final class ObjectFields {

    /** Fields the server owns, never tracked (as Kubernetes strips them before computing sets). */
    private static final Set<String> SERVER_METADATA = Set.of("name", "namespace", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields",
            "selfLink", "generateName");

    private final String kind;

    ObjectFields(String kind) {
        this.kind = kind;
    }

    /** Every path of {@code object} except kind, apiVersion, status and the server's metadata. */
    FieldSet of(ObjectNode object) {
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String name = member.getKey();
            if (name.equals("kind") || name.equals("apiVersion") || name.equals("status")) {
                continue;
            }
            if (name.equals("metadata") && member.getValue() instanceof ObjectNode meta) {
                for (Map.Entry<String, JsonNode> m : meta.properties()) {
                    if (!SERVER_METADATA.contains(m.getKey())) {
                        walk(m.getValue(), List.of("f:metadata", "f:" + m.getKey()), List.of("metadata", m.getKey()), out);
                    }
                }
                continue;
            }
            walk(member.getValue(), List.of("f:" + name), List.of(name), out);
        }
        return FieldSet.of(out);
    }

    /** The paths under {@code status}, which only the status subresource writes. */
    FieldSet ofStatus(ObjectNode object) {
        List<List<String>> out = new ArrayList<>();
        JsonNode status = object.get("status");
        if (status != null) {
            walk(status, List.of("f:status"), List.of("status"), out);
        }
        return FieldSet.of(out);
    }

    /**
     * @param path      the FieldsV1 path of {@code value}
     * @param fieldPath the same with field names only ({@code "*"} for list items), to find list types
     */
    private void walk(JsonNode value, List<String> path, List<String> fieldPath, List<List<String>> out) {
        if (value instanceof ObjectNode object && !object.isEmpty()) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                walk(member.getValue(), append(path, "f:" + member.getKey()), append(fieldPath, member.getKey()), out);
            }
            return;
        }
        if (value instanceof ArrayNode array && !array.isEmpty()) {
            ListTypes.ListType type = ListTypes.of(kind, fieldPath);
            if (type.type() == ListTypes.Type.KEYED && allKeyed(array, type.key())) {
                for (JsonNode item : array) {
                    List<String> itemPath = append(path, keyElement(item, type.key()));
                    out.add(itemPath);
                    walk(item, itemPath, append(fieldPath, "*"), out);
                }
                return;
            }
            if (type.type() == ListTypes.Type.SET) {
                for (JsonNode item : array) {
                    out.add(append(path, "v:" + Json.string(item)));
                }
                return;
            }
        }
        out.add(path);
    }

    private static boolean allKeyed(ArrayNode array, String key) {
        for (JsonNode item : array) {
            if (!item.isObject() || !item.has(key)) {
                return false;
            }
        }
        return true;
    }

    private static String keyElement(JsonNode item, String key) {
        ObjectNode k = Json.object();
        k.set(key, item.get(key));
        return "k:" + Json.string(k);
    }

    private static List<String> append(List<String> list, String element) {
        List<String> longer = new ArrayList<>(list.size() + 1);
        longer.addAll(list);
        longer.add(element);
        return longer;
    }

    /** The value at {@code path}, or null when the object has none. */
    static JsonNode get(JsonNode root, List<String> path) {
        JsonNode node = root;
        for (String element : path) {
            node = child(node, element);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** Removes what is at {@code path}; returns whether there was something. */
    static boolean remove(JsonNode root, List<String> path) {
        if (path.isEmpty()) {
            return false;
        }
        JsonNode parent = get(root, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (last.startsWith("f:") && parent instanceof ObjectNode object) {
            return object.remove(last.substring(2)) != null;
        }
        if (parent instanceof ArrayNode array) {
            for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
                if (matches(it.next(), last)) {
                    it.remove();
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode child(JsonNode node, String element) {
        if (element.startsWith("f:")) {
            return node instanceof ObjectNode object ? object.get(element.substring(2)) : null;
        }
        if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (matches(item, element)) {
                    return item;
                }
            }
        }
        return null;
    }

    private static boolean matches(JsonNode item, String element) {
        if (element.startsWith("k:")) {
            JsonNode key = Json.parse(element.substring(2));
            for (Map.Entry<String, JsonNode> field : key.properties()) {
                if (!sameValue(item.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return item.isObject();
        }
        if (element.startsWith("v:")) {
            return sameValue(item, Json.parse(element.substring(2)));
        }
        return false;
    }

    /** Equal as JSON values, with numbers compared by value (8080 and 8080.0 are one port). */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** Whether the value at a path is a container whose own members are tracked separately. */
    static boolean isLeafValue(List<String> path, JsonNode value) {
        String last = path.get(path.size() - 1);
        return last.startsWith("f:") && !(value instanceof ObjectNode object && !object.isEmpty());
    }
}
