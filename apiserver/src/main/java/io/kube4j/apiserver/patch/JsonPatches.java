package io.kube4j.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.InvalidJsonPatchException;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import io.kube4j.common.api.meta.StatusException;
import java.util.EnumSet;

/**
 * RFC 6902 JSON patch through zjsonpatch. A malformed patch (not an array, an operation without
 * {@code op}/{@code path}/{@code value}, a pointer without its leading slash) is a 400; a
 * well-formed patch that does not apply (a failed {@code test}, a path that does not exist, an
 * index out of range) is a 422 Invalid, as Kubernetes answers.
 */
final class JsonPatches {

    /** Kubernetes' limit on the operations of one JSON patch. */
    static final int MAX_OPERATIONS = 10_000;

    /** RFC 6902 §4.2: the target of a remove must exist; zjsonpatch tolerates it by default. */
    private static final EnumSet<CompatibilityFlags> FLAGS =
            EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    private JsonPatches() {
    }

    static ObjectNode apply(ObjectNode original, JsonNode patch, String kind) {
        if (!patch.isArray()) {
            throw PatchErrors.badRequest("a json patch must be a JSON array of operations, got "
                    + Bodies.describe(patch));
        }
        if (patch.size() > MAX_OPERATIONS) {
            throw StatusException.tooLarge("The allowed maximum operations in a JSON patch is "
                    + MAX_OPERATIONS + ", got " + patch.size());
        }
        try {
            JsonPatch.validate(patch, FLAGS);
        } catch (InvalidJsonPatchException | IllegalArgumentException e) {
            throw PatchErrors.badRequest("invalid json patch: " + e.getMessage());
        }
        JsonNode result;
        try {
            // zjsonpatch copies the source before applying: the original stays untouched.
            result = JsonPatch.apply(patch, original, FLAGS);
        } catch (JsonPatchApplicationException | IllegalArgumentException | IllegalStateException e) {
            throw PatchErrors.rejected("json patch could not be applied to " + what(kind) + ": " + e.getMessage());
        }
        if (result instanceof ObjectNode object) {
            return object;
        }
        throw PatchErrors.rejected("json patch turned " + what(kind) + " into " + Bodies.describe(result)
                + ", but it must stay an object");
    }

    private static String what(String kind) {
        return kind == null || kind.isEmpty() ? "the object" : "the " + kind;
    }
}
