package io.kube4j.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Kubernetes' strategic merge patch over plain JSON trees; which lists merge on which key comes
 * from {@link MergeKeys}. Maps merge recursively and {@code null} deletes a key; merge lists merge
 * item by item (an item keeps the stored fields it omits); other lists are replaced. Directives:
 * {@code $patch} (replace, delete, merge), {@code $retainKeys}, {@code $setElementOrder/<list>}
 * and {@code $deleteFromPrimitiveList/<list>}.
 *
 * <p>No directive ever reaches the result: every value taken from the patch, even one the stored
 * object lacks, is merged into an empty value, so its directives are carried out there; an
 * unknown {@code $} key is a 400. Where Kubernetes answers {@code $patch: delete} on a map with
 * an empty map, we delete the key.
 */
final class StrategicMerge {

    static final String PATCH = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private final String kind;

    private StrategicMerge(String kind) {
        this.kind = kind;
    }

    /** The patched copy of {@code original}, which is left untouched. */
    static ObjectNode apply(ObjectNode original, ObjectNode patch, String kind) {
        StrategicMerge merge = new StrategicMerge(kind);
        ObjectNode result = merge.mergeObject(original.deepCopy(), patch, FieldPath.ROOT);
        if (result == null) {
            throw merge.bad(FieldPath.ROOT, "$patch: delete cannot delete the whole object; send a DELETE request");
        }
        return result;
    }

    /**
     * Merges a map. {@code target} is a tree this merge owns (changed in place) or null when the
     * stored object has none; returns the merged map, or null when the patch deletes it.
     */
    private ObjectNode mergeObject(ObjectNode target, ObjectNode patch, FieldPath path) {
        JsonNode directive = patch.get(PATCH);
        if (directive != null) {
            switch (directive.asText()) {
                case "delete" -> {
                    return null;
                }
                case "replace" -> target = null;
                case "merge" -> {
                    // the default for maps
                }
                default -> throw bad(path, "unknown $patch directive " + directive);
            }
        }
        ObjectNode result = target == null ? Json.object() : target;
        mergeFields(result, patch, path);
        return result;
    }

    private void mergeFields(ObjectNode target, ObjectNode patch, FieldPath path) {
        List<String> fields = new ArrayList<>();
        Map<String, ArrayNode> orders = new LinkedHashMap<>();
        Map<String, ArrayNode> deletions = new LinkedHashMap<>();
        JsonNode retainKeys = null;
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String key = member.getKey();
            if (!key.startsWith("$")) {
                fields.add(key);
            } else if (key.equals(RETAIN_KEYS)) {
                retainKeys = member.getValue();
            } else if (key.startsWith(SET_ELEMENT_ORDER)) {
                orders.put(listName(key, SET_ELEMENT_ORDER, path), list(member.getValue(), key, path));
            } else if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deletions.put(listName(key, DELETE_FROM_PRIMITIVE_LIST, path), list(member.getValue(), key, path));
            } else if (!key.equals(PATCH)) {
                throw bad(path, "unknown directive " + key);
            }
        }
        if (retainKeys != null) {
            retainKeys(target, patch, retainKeys, fields, path);
        }
        for (String field : fields) {
            mergeField(target, field, patch.get(field), orders.remove(field), path.child(field));
        }
        // $setElementOrder without the list itself only reorders what is stored
        orders.forEach((field, order) -> {
            if (target.get(field) instanceof ArrayNode stored) {
                target.set(field, mergeList(stored, null, order, path.child(field)));
            }
        });
        deletions.forEach((field, values) -> {
            if (target.get(field) instanceof ArrayNode stored) {
                target.set(field, Values.without(stored, values));
            }
        });
    }

    private void mergeField(ObjectNode target, String field, JsonNode value, ArrayNode order, FieldPath path) {
        JsonNode stored = target.get(field);
        if (value.isNull()) {
            target.remove(field);
        } else if (value instanceof ObjectNode map) {
            ObjectNode merged = mergeObject(stored instanceof ObjectNode storedMap ? storedMap : null, map, path);
            if (merged == null) {
                target.remove(field);
            } else {
                target.set(field, merged);
            }
        } else if (value instanceof ArrayNode list) {
            ArrayNode storedList = stored instanceof ArrayNode s ? s : Json.MAPPER.createArrayNode();
            target.set(field, mergeList(storedList, list, order, path));
        } else {
            target.set(field, value);
        }
    }

    /** Kubernetes: a patch with $retainKeys may only set listed keys; stored keys not listed go. */
    private void retainKeys(ObjectNode target, ObjectNode patch, JsonNode keys, List<String> fields, FieldPath path) {
        Set<String> retained = new HashSet<>();
        for (JsonNode key : list(keys, RETAIN_KEYS, path)) {
            if (!key.isTextual()) {
                throw bad(path, RETAIN_KEYS + " must be a list of field names");
            }
            retained.add(key.textValue());
        }
        for (String field : fields) {
            if (!patch.get(field).isNull() && !retained.contains(field)) {
                throw bad(path, "field " + field + " is set by the patch but missing from " + RETAIN_KEYS);
            }
        }
        target.retain(retained);
    }

    /**
     * Merges a list. {@code patch} is null when only a {@code $setElementOrder} names the list;
     * {@code order} is that directive's list, or null.
     */
    private ArrayNode mergeList(ArrayNode stored, ArrayNode patch, ArrayNode order, FieldPath path) {
        ListStrategy strategy = MergeKeys.forList(kind, path);
        return switch (strategy.type()) {
            case ATOMIC -> patch == null ? stored : replaceList(patch, path);
            case SET -> mergeSet(stored, patch == null ? Json.MAPPER.createArrayNode() : patch, order, path);
            case MERGE_BY_KEY -> mergeByKey(stored, patch == null ? Json.MAPPER.createArrayNode() : patch, order,
                    strategy.mergeKey(), path);
        };
    }

    /** An atomic list: the patch's items, each merged into nothing so that no directive survives. */
    private ArrayNode replaceList(ArrayNode patch, FieldPath path) {
        ArrayNode result = Json.MAPPER.createArrayNode();
        for (JsonNode item : patch) {
            if (item instanceof ObjectNode map) {
                JsonNode directive = map.get(PATCH);
                if (directive != null && directive.asText().equals("replace") && map.size() == 1) {
                    continue; // the list is replaced anyway
                }
                if (directive != null && directive.asText().equals("delete")) {
                    throw bad(path, "$patch: delete needs a merge key, and this list has none: it is replaced whole");
                }
                result.add(mergeObject(null, map, path.item()));
            } else if (item instanceof ArrayNode nested) {
                result.add(replaceList(nested, path.item()));
            } else {
                result.add(item);
            }
        }
        return result;
    }

    /** A list of primitives merged as a set (metadata.finalizers): stored values, then new ones. */
    private ArrayNode mergeSet(ArrayNode stored, ArrayNode patch, ArrayNode order, FieldPath path) {
        requirePrimitives(patch, path);
        if (order != null) {
            requirePrimitives(order, path);
        }
        return ElementOrder.arrange(Values.union(stored, patch), Values.list(order != null ? order : patch),
                Values.list(stored), Function.identity());
    }

    /** A list of maps merged item by item on {@code key}, after the items' own directives. */
    private ArrayNode mergeByKey(ArrayNode stored, ArrayNode patch, ArrayNode order, String key, FieldPath path) {
        List<JsonNode> items = Values.list(stored);
        List<ObjectNode> patchItems = new ArrayList<>();
        boolean replace = false;
        for (JsonNode item : patch) {
            if (!(item instanceof ObjectNode map)) {
                throw bad(path, "the items of this list must be objects with the merge key " + key
                        + ", got " + Bodies.describe(item));
            }
            JsonNode directive = map.get(PATCH);
            switch (directive == null ? "" : directive.asText()) {
                case "" -> patchItems.add(map);
                case "merge" -> {
                    if (map.size() > 1) {
                        patchItems.add(map); // a bare {"$patch": "merge"} asks for the default
                    }
                }
                case "replace" -> replace = true;
                case "delete" -> {
                    JsonNode value = requireKey(map, key, path);
                    items.removeIf(storedItem -> Values.same(storedItem.get(key), value));
                }
                default -> throw bad(path, "unknown $patch directive " + directive + " in a list item");
            }
        }
        if (replace) {
            items.clear();
        }
        List<JsonNode> storedOrder = List.copyOf(items);
        for (ObjectNode item : patchItems) {
            JsonNode value = requireKey(item, key, path);
            int index = Values.indexOfKey(items, key, value);
            if (index >= 0) {
                ObjectNode storedItem = items.get(index) instanceof ObjectNode map ? map : null;
                items.set(index, mergeObject(storedItem, item, path.item()));
            } else {
                items.add(mergeObject(null, item, path.item()));
            }
        }
        List<JsonNode> patchOrder = order == null ? List.copyOf(patchItems) : orderOfKeys(order, patchItems, key, path);
        return ElementOrder.arrange(items, patchOrder, storedOrder, item -> item.get(key));
    }

    /** The $setElementOrder list, checked: objects with the merge key that name every patched item. */
    private List<JsonNode> orderOfKeys(ArrayNode order, List<ObjectNode> patchItems, String key, FieldPath path) {
        List<JsonNode> keys = new ArrayList<>();
        for (JsonNode entry : order) {
            if (!(entry instanceof ObjectNode map)) {
                throw bad(path, SET_ELEMENT_ORDER + " items must be objects with the merge key " + key);
            }
            keys.add(requireKey(map, key, path));
        }
        for (ObjectNode item : patchItems) {
            if (Values.indexOf(keys, item.get(key)) < 0) {
                throw bad(path, "the item with " + key + " " + item.get(key)
                        + " is in the patch but not in its " + SET_ELEMENT_ORDER + " list");
            }
        }
        return Values.list(order);
    }

    private JsonNode requireKey(ObjectNode item, String key, FieldPath path) {
        JsonNode value = item.get(key);
        if (value == null || value.isNull()) {
            throw bad(path, "an item of this list has no merge key " + key);
        }
        return value;
    }

    private void requirePrimitives(ArrayNode list, FieldPath path) {
        for (JsonNode value : list) {
            if (value.isContainerNode()) {
                throw bad(path, "this list holds primitive values, got " + Bodies.describe(value));
            }
        }
    }

    private ArrayNode list(JsonNode value, String directive, FieldPath path) {
        if (value instanceof ArrayNode list) {
            return list;
        }
        throw bad(path, directive + " must be a list, got " + Bodies.describe(value));
    }

    private String listName(String key, String prefix, FieldPath path) {
        String name = key.substring(prefix.length());
        if (name.isEmpty() || name.startsWith("$")) {
            throw bad(path, "directive " + key + " names no list");
        }
        return name;
    }

    private StatusException bad(FieldPath path, String detail) {
        String what = kind == null || kind.isEmpty() ? "object" : kind;
        return PatchErrors.badRequest("invalid strategic merge patch for " + what + " at " + path + ": " + detail);
    }
}
