package io.kube4j.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.util.Map;

/**
 * RFC 7386 JSON merge patch: objects merge recursively, {@code null} deletes a member, and every
 * other value (arrays included) replaces what was there.
 */
final class MergePatch {

    private MergePatch() {
    }

    /** Patches an object; a patch that is not an object would replace it whole, so it is a 400. */
    static ObjectNode apply(ObjectNode original, JsonNode patch) {
        if (!patch.isObject()) {
            throw PatchErrors.badRequest("a merge patch must be a JSON object to patch an object, got "
                    + Bodies.describe(patch));
        }
        return (ObjectNode) merge(original.deepCopy(), patch);
    }

    /**
     * The RFC's MergePatch(Target, Patch). {@code target} may be null (absent) and is changed in
     * place when it is an object, so callers pass a copy they own.
     */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target instanceof ObjectNode object ? object : Json.object();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
