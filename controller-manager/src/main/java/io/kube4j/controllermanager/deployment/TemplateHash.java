package io.kube4j.controllermanager.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code pod-template-hash} of a pod template: FNV-32a over its canonical JSON (keys sorted,
 * null fields and the hash label itself left out), spelled with Kubernetes' "safe" alphabet as
 * {@code rand.SafeEncodeString} does, so names never form words.
 */
final class TemplateHash {

    static final String LABEL = "pod-template-hash";
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private TemplateHash() {
    }

    static String of(JsonNode template) {
        ObjectNode copy = template.isObject() ? ((ObjectNode) template).deepCopy() : Json.object();
        if (copy.path("metadata").path("labels") instanceof ObjectNode labels) {
            labels.remove(LABEL);
        }
        byte[] bytes = Json.string(canonical(copy)).getBytes(StandardCharsets.UTF_8);
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String digits = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder out = new StringBuilder();
        for (char c : digits.toCharArray()) {
            out.append(ALPHABET.charAt(c % ALPHABET.length()));
        }
        return out.toString();
    }

    /** Equal templates, ignoring the hash label. */
    static boolean sameTemplate(JsonNode a, JsonNode b) {
        return of(a).equals(of(b));
    }

    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode sorted = Json.object();
            for (String name : names) {
                // Go clients write a zero creationTimestamp as null: `rollout undo` sends the old
                // template so, and it must still match the ReplicaSet it came from
                if (!object.get(name).isNull()) {
                    sorted.set(name, canonical(object.get(name)));
                }
            }
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            array.forEach(item -> out.add(canonical(item)));
            return out;
        }
        return node;
    }
}
