package io.kube4j.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kube4j.common.api.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The order of a merged list, as Kubernetes' strategic merge patch decides it: items the patch
 * names follow the patch's order (or its {@code $setElementOrder}), items only the server has keep
 * their order, and the two are interleaved by their positions in the stored list. An item that is
 * new to the server goes before the server-only items it meets, so a patch that adds a container
 * without {@code $setElementOrder} puts it first, exactly as Kubernetes does.
 */
final class ElementOrder {

    private ElementOrder() {
    }

    /**
     * @param merged   every item of the merged list, server-only items in stored order
     * @param order    the patch's order: its items or its {@code $setElementOrder} list
     * @param stored   the stored list (after deletions), which decides the interleaving
     * @param identity what identifies an item: its merge key, or the item itself for primitives
     */
    static ArrayNode arrange(List<JsonNode> merged, List<JsonNode> order, List<JsonNode> stored,
                             Function<JsonNode, JsonNode> identity) {
        List<JsonNode> orderIds = order.stream().map(identity).toList();
        List<JsonNode> storedIds = stored.stream().map(identity).toList();
        List<JsonNode> patched = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (Values.indexOf(orderIds, identity.apply(item)) >= 0 ? patched : serverOnly).add(item);
        }
        patched.sort(Comparator.comparingInt(item -> Values.indexOf(orderIds, identity.apply(item))));
        return interleave(serverOnly, patched, storedIds, identity);
    }

    /** Kubernetes' mergeSortedSlice: take the server-only item first only when both are stored and it came first. */
    private static ArrayNode interleave(List<JsonNode> serverOnly, List<JsonNode> patched, List<JsonNode> storedIds,
                                        Function<JsonNode, JsonNode> identity) {
        ArrayNode result = Json.MAPPER.createArrayNode();
        int i = 0;
        int j = 0;
        while (i < serverOnly.size() || j < patched.size()) {
            if (j >= patched.size()) {
                result.add(serverOnly.get(i++));
            } else if (i >= serverOnly.size()) {
                result.add(patched.get(j++));
            } else {
                int left = Values.indexOf(storedIds, identity.apply(serverOnly.get(i)));
                int right = Values.indexOf(storedIds, identity.apply(patched.get(j)));
                result.add(left >= 0 && right >= 0 && left < right ? serverOnly.get(i++) : patched.get(j++));
            }
        }
        return result;
    }
}
