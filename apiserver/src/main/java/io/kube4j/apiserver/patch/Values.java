package io.kube4j.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kube4j.common.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * List arithmetic over JSON values, with equality as Go's {@code ==} sees decoded JSON: 80 and
 * 80.0 are the same number.
 */
final class Values {

    private Values() {
    }

    /** Whether two values are present and equal; absent (null) is never equal to anything. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** The position of the first value in {@code list} that is {@link #same} as {@code value}, or -1. */
    static int indexOf(Iterable<JsonNode> list, JsonNode value) {
        int index = 0;
        for (JsonNode candidate : list) {
            if (same(candidate, value)) {
                return index;
            }
            index++;
        }
        return -1;
    }

    /** The position of the first item whose {@code key} is {@code value}, or -1. */
    static int indexOfKey(List<JsonNode> items, String key, JsonNode value) {
        for (int i = 0; i < items.size(); i++) {
            if (same(items.get(i).get(key), value)) {
                return i;
            }
        }
        return -1;
    }

    static List<JsonNode> list(ArrayNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    /** The distinct values of {@code first} then {@code second}, each at its first occurrence. */
    static List<JsonNode> union(ArrayNode first, ArrayNode second) {
        List<JsonNode> union = new ArrayList<>();
        for (ArrayNode array : List.of(first, second)) {
            for (JsonNode value : array) {
                if (indexOf(union, value) < 0) {
                    union.add(value);
                }
            }
        }
        return union;
    }

    /** {@code list} without the values in {@code removed}. */
    static ArrayNode without(ArrayNode list, ArrayNode removed) {
        ArrayNode kept = Json.MAPPER.createArrayNode();
        for (JsonNode value : list) {
            if (indexOf(removed, value) < 0) {
                kept.add(value);
            }
        }
        return kept;
    }
}
