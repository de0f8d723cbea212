package io.kube4j.apiserver.table;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Test objects written as JSON with single quotes, and the fixed "now" ages are measured to. */
final class TestObjects {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();

    private TestObjects() {
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) LENIENT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + text, e);
        }
    }
}
