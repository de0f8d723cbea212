package io.kube4j.apiserver.fieldvalidation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code fieldValidation} parameter of create, update and patch: fields the kind does not
 * declare ({@link KnownFields}) and fields given twice are refused ({@code Strict}: 400), reported
 * in {@code Warning} headers ({@code Warn}, the default) or passed over ({@code Ignore}). Unknown
 * fields are never stored, as Kubernetes' typed decoding drops them.
 */
public final class FieldValidation {

    public enum Mode { STRICT, WARN, IGNORE }

    private static final ObjectReader STRICT_JSON = Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectReader STRICT_YAML = Json.YAML.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private FieldValidation() {
    }

    /** The mode a request asks for; absent means Warn, as in Kubernetes. */
    public static Mode mode(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return Mode.WARN;
        }
        return switch (parameter) {
            case "Strict" -> Mode.STRICT;
            case "Warn" -> Mode.WARN;
            case "Ignore" -> Mode.IGNORE;
            default -> throw StatusException.badRequest("fieldValidation: Unsupported value: \"" + parameter
                    + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        };
    }

    /**
     * Checks {@code object} (a request's body or a patch's result), dropping its unknown fields.
     *
     * @param body     the raw body, searched for duplicate fields (null to skip that check)
     * @param yaml     whether the body is YAML (server-side apply) rather than JSON
     * @param warnings receives one message per problem in Warn mode
     * @throws StatusException 400 BadRequest naming every problem in Strict mode
     */
    public static void check(Mode mode, ObjectNode object, String kind, String apiVersion, byte[] body, boolean yaml,
                             Consumer<String> warnings) {
        List<String> problems = new ArrayList<>();
        if (mode != Mode.IGNORE && body != null) {
            String duplicate = duplicate(body, yaml);
            if (duplicate != null) {
                problems.add("duplicate field \"" + duplicate + "\"");
            }
        }
        List<String> unknown = new ArrayList<>();
        dropUnknown(object, KnownFields.of(kind), "", unknown);
        for (String path : unknown) {
            problems.add("unknown field \"" + path + "\"");
        }
        if (problems.isEmpty() || mode == Mode.IGNORE) {
            return;
        }
        if (mode == Mode.STRICT) {
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            throw new StatusException(Status.failure(400, "BadRequest", kind + " in version \"" + version
                    + "\" cannot be handled as a " + kind + ": strict decoding error: " + String.join(", ", problems)));
        }
        problems.forEach(warnings);
    }

    /** Removes what {@code schema} does not know from {@code value}, collecting the paths removed. */
    static void dropUnknown(JsonNode value, Schema schema, String path, List<String> unknown) {
        if (schema.kind() == Schema.Kind.STRUCT && value instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                Schema known = schema.fields().get(field.getKey());
                if (known == null) {
                    unknown.add(fieldPath);
                    it.remove();
                } else {
                    dropUnknown(field.getValue(), known, fieldPath, unknown);
                }
            }
        } else if (schema.kind() == Schema.Kind.LIST && value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                dropUnknown(array.get(i), schema.items(), path + "[" + i + "]", unknown);
            }
        }
    }

    /** The path of the first field given twice in one object of the body, or null. */
    static String duplicate(byte[] body, boolean yaml) {
        try (JsonParser parser = (yaml ? STRICT_YAML : STRICT_JSON).createParser(body)) {
            try {
                while (parser.nextToken() != null) {
                    // reading every token is the check
                }
            } catch (JsonProcessingException e) {
                if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                    return path(parser);
                }
            }
        } catch (IOException e) {
            // a malformed body is reported by the decoding proper
        }
        return null;
    }

    /** {@code metadata.name}, {@code spec.containers[0].image}: where the parser stands. */
    private static String path(JsonParser parser) {
        List<String> parts = new ArrayList<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot();
             c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        String text = String.join("", parts);
        return text.startsWith(".") ? text.substring(1) : text;
    }
}
