package io.kube4j.common.daemon;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Strict reading of a daemon's YAML configuration file ({@code KubeSchedulerConfiguration},
 * {@code KubeProxyConfiguration}, …): an unknown field, a wrong type or a wrong apiVersion/kind is an
 * error naming the field, so a typo never silently falls back to a default. Errors are the daemon's
 * own exception type, made by the function given. {@code at} arguments are the field's path for the
 * message ({@code profiles[0].plugins}).
 */
public final class StrictYaml {

    private final String apiGroup;
    private final String kind;
    private final Function<String, ? extends RuntimeException> error;

    /**
     * @param apiGroup the accepted apiVersion's group with its slash ({@code kubeproxy.config.k8s.io/});
     *                 any version of it is accepted, and an absent apiVersion too
     * @param kind     the accepted kind (an absent kind is accepted)
     */
    public StrictYaml(String apiGroup, String kind, Function<String, ? extends RuntimeException> error) {
        this.apiGroup = apiGroup;
        this.kind = kind;
        this.error = error;
    }

    /** The file's text; a missing or unreadable file is an error that names it. */
    public String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw error.apply("config file " + file + " does not exist");
        } catch (IOException e) {
            throw error.apply("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    /**
     * The document's root mapping, or null for an empty document; checks that only {@code fields}
     * (besides apiVersion and kind) are present and that apiVersion and kind are this file's.
     */
    public JsonNode document(String yaml, String... fields) {
        JsonNode root;
        try {
            root = Json.YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw error.apply("the config is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return null;
        }
        object(root, "the config");
        List<String> known = new ArrayList<>(List.of("apiVersion", "kind"));
        known.addAll(List.of(fields));
        allow(root, "", known.toArray(String[]::new));
        String apiVersion = text(root, "apiVersion", "");
        if (!apiVersion.isEmpty() && !apiVersion.startsWith(apiGroup)) {
            throw error.apply("apiVersion: expected " + apiGroup + "<version>, got \"" + apiVersion + "\"");
        }
        String actualKind = text(root, "kind", kind);
        if (!actualKind.equals(kind)) {
            throw error.apply("kind: expected " + kind + ", got \"" + actualKind + "\"");
        }
        return root;
    }

    /** An error of the daemon's type. */
    public RuntimeException error(String message) {
        return error.apply(message);
    }

    public void allow(JsonNode node, String prefix, String... fields) {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error.apply(prefix + name + ": unknown field (known: " + String.join(", ", fields) + ")");
            }
        }
    }

    public void object(JsonNode node, String at) {
        if (!node.isObject()) {
            throw error.apply(at + ": expected a mapping");
        }
    }

    public void array(JsonNode node, String at) {
        if (!node.isArray()) {
            throw error.apply(at + ": expected a list");
        }
    }

    /** A non-blank string at {@code at.field}. */
    public String required(JsonNode node, String field, String at) {
        String value = text(node, field, at + "." + field, "");
        if (value.isBlank()) {
            throw error.apply(at + "." + field + ": required");
        }
        return value;
    }

    /** A top-level string field: the field's name is its path. */
    public String text(JsonNode node, String field, String fallback) {
        return text(node, field, field, fallback);
    }

    public String text(JsonNode node, String field, String at, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw error.apply(at + ": expected a string, got " + value);
        }
        return value.asText();
    }

    /** A top-level integer field: the field's name is its path. */
    public int integer(JsonNode node, String field, int fallback) {
        return integer(node, field, field, fallback);
    }

    public int integer(JsonNode node, String field, String at, int fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error.apply(at + ": expected an integer, got " + value);
        }
        return value.asInt();
    }

    public double number(JsonNode node, String field, String at, double fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw error.apply(at + ": expected a number, got " + value);
        }
        return value.asDouble();
    }
}
