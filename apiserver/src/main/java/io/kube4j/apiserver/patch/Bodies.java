package io.kube4j.apiserver.patch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads request bodies into trees. Every failure is a 400 whose message starts with the caller's
 * prefix, so the client learns which part of the request was wrong. Trailing content after a
 * JSON value is an error, as it is for Go's decoder; YAML is read up to its first document, as
 * Kubernetes' YAML decoder does.
 */
final class Bodies {

    private static final ObjectReader JSON = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader YAML = Json.YAML.reader();

    private Bodies() {
    }

    static JsonNode json(byte[] body, String errorPrefix) {
        return read(JSON, body, errorPrefix);
    }

    /** YAML 1.1, which also reads JSON. */
    static JsonNode yaml(byte[] body, String errorPrefix) {
        return read(YAML, body, errorPrefix);
    }

    static ObjectNode object(JsonNode node, String errorPrefix) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw PatchErrors.badRequest(errorPrefix + "expected an object, got " + describe(node));
    }

    static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static JsonNode read(ObjectReader reader, byte[] body, String errorPrefix) {
        if (body == null || body.length == 0) {
            throw PatchErrors.badRequest(errorPrefix + "unexpected end of input: the body is empty");
        }
        JsonNode node;
        try {
            node = reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw PatchErrors.badRequest(errorPrefix + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            throw PatchErrors.badRequest(errorPrefix + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw PatchErrors.badRequest(errorPrefix + "unexpected end of input: the body holds no value");
        }
        return node;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
