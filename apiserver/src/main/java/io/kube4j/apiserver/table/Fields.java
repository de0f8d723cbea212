package io.kube4j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.selector.LabelSelector;
import io.kube4j.common.selector.SelectorException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Lenient readers of object fields: printers show whatever is there and never fail a list. */
final class Fields {

    static final String NONE = "<none>";

    private Fields() {
    }

    /** The scalar at a JSON pointer ({@code /status/phase}) as text; "" when missing or null. */
    static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    static String orNone(String value) {
        return value.isEmpty() ? NONE : value;
    }

    static long number(JsonNode node, String pointer) {
        return node.at(pointer).asLong(0);
    }

    /** The elements of the array at a pointer; empty when missing or not an array. */
    static List<JsonNode> items(JsonNode node, String pointer) {
        JsonNode array = node.at(pointer);
        List<JsonNode> items = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(items::add);
        }
        return items;
    }

    /** How many entries an object or array at a pointer holds. */
    static int size(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.isContainerNode() ? value.size() : 0;
    }

    static Optional<Instant> time(JsonNode node, String pointer) {
        String value = text(node, pointer);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** kubectl's {@code translateTimestampSince}: a human age, {@code <unknown>} without a time. */
    static String since(JsonNode node, String pointer, Instant now) {
        return time(node, pointer).map(t -> HumanDuration.format(Duration.between(t, now))).orElse("<unknown>");
    }

    static String age(JsonNode object, Instant now) {
        return since(object, "/metadata/creationTimestamp", now);
    }

    /** {@code labels.FormatLabels}: {@code k=v,k2=v2} sorted by key, {@code <none>} when empty. */
    static String formatLabels(JsonNode map) {
        if (!map.isObject() || map.isEmpty()) {
            return NONE;
        }
        Map<String, String> sorted = new TreeMap<>();
        map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(",", pairs);
    }

    /** A {@code LabelSelector} object in its string form ("" selects everything). */
    static String selector(JsonNode selector) {
        try {
            return LabelSelector.fromJson(selector.isMissingNode() ? null : selector).toString();
        } catch (SelectorException e) {
            return "<invalid>";
        }
    }

    /** kubectl's {@code layoutContainerCells}: container names and images, comma-joined. */
    static List<String> containersAndImages(JsonNode podSpec) {
        List<String> names = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (JsonNode container : items(podSpec, "/containers")) {
            names.add(text(container, "/name"));
            images.add(text(container, "/image"));
        }
        return List.of(String.join(",", names), String.join(",", images));
    }

    /** Whether a condition of this type has status {@code True}. */
    static boolean hasTrueCondition(JsonNode object, String type) {
        return items(object, "/status/conditions").stream()
                .anyMatch(c -> type.equals(text(c, "/type")) && "True".equals(text(c, "/status")));
    }
}
