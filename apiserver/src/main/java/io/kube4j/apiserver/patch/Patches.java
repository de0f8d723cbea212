package io.kube4j.apiserver.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusException;
import java.util.Locale;
import java.util.Objects;

/**
 * Request bodies into objects: the four PATCH formats and the plain bodies of POST and PUT. Pure
 * functions over Jackson trees; they never change their arguments and are safe from any thread.
 * Every client mistake is a {@link StatusException} with the code Kubernetes answers (400 for a
 * malformed body, 415 for an unknown Content-Type, 422 for a JSON patch that does not apply).
 */
public final class Patches {

    static final String UNKNOWN_PATCH_TYPE = "the body of the request was in an unknown format - accepted media"
            + " types include: application/json-patch+json, application/merge-patch+json,"
            + " application/apply-patch+yaml, application/strategic-merge-patch+json";
    static final String UNKNOWN_BODY_TYPE = "the body of the request was in an unknown format - accepted media"
            + " types include: application/json, application/yaml";

    private Patches() {
    }

    /** The patch type a PATCH request's Content-Type names (parameters such as charset ignored). */
    public static PatchType type(String contentType) {
        String mediaType = mediaType(contentType);
        for (PatchType type : PatchType.values()) {
            if (type.mediaType().equals(mediaType)) {
                return type;
            }
        }
        throw StatusException.unsupportedMediaType(UNKNOWN_PATCH_TYPE);
    }

    /**
     * The patched copy of {@code original}; {@code original} is never changed.
     *
     * @param original the stored object, or an empty object when server-side apply creates one
     * @param patch    the request body
     * @param kind     the object's kind ({@code Pod}, {@code Service}): strategic merge keys depend on it
     */
    public static ObjectNode apply(PatchType type, ObjectNode original, byte[] patch, String kind) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(original, "original");
        return switch (type) {
            case JSON -> JsonPatches.apply(original, Bodies.json(patch, "invalid json patch: "), kind);
            case MERGE -> MergePatch.apply(original, Bodies.json(patch, "invalid merge patch: "));
            case STRATEGIC -> {
                String prefix = "invalid strategic merge patch: ";
                yield StrategicMerge.apply(original, Bodies.object(Bodies.json(patch, prefix), prefix), kind);
            }
            case APPLY -> mergeApplied(original, applyConfiguration(patch), kind);
        };
    }

    /** The configuration of a server-side apply: a YAML (or JSON) object. */
    public static ObjectNode applyConfiguration(byte[] body) {
        String prefix = "invalid apply patch: ";
        return Bodies.object(Bodies.yaml(body, prefix), prefix);
    }

    /**
     * An applied configuration merged over an object with strategic-merge rules (what it sets wins,
     * what it omits stays); field ownership is the caller's (see the fieldmanager package).
     */
    public static ObjectNode mergeApplied(ObjectNode original, ObjectNode configuration, String kind) {
        return StrategicMerge.apply(original, configuration, kind);
    }

    /**
     * The object of a POST or PUT body: JSON when the Content-Type is absent or
     * {@code application/json}, YAML for {@code application/yaml}; anything else is a 415.
     */
    public static ObjectNode parseBody(byte[] body, String contentType) {
        String mediaType = mediaType(contentType);
        if (mediaType.isEmpty() || mediaType.equals("application/json")) {
            String prefix = "couldn't get version/kind; json parse error: ";
            return Bodies.object(Bodies.json(body, prefix), prefix);
        }
        if (mediaType.equals("application/yaml")) {
            String prefix = "error converting YAML to JSON: ";
            return Bodies.object(Bodies.yaml(body, prefix), prefix);
        }
        if (mediaType.equals("application/vnd.kubernetes.protobuf")) {
            // kubectl's typed commands (create namespace, auth can-i, …) send protobuf bodies
            return io.kube4j.apiserver.protobuf.ProtobufBodies.decode(body);
        }
        throw StatusException.unsupportedMediaType(UNKNOWN_BODY_TYPE);
    }

    /** {@code Application/JSON; charset=utf-8} → {@code application/json}; null → "". */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        // parameters without a type (";;;") are not "no Content-Type": they name no known type
        return bare.isBlank() ? contentType.trim() : bare.trim().toLowerCase(Locale.ROOT);
    }
}
