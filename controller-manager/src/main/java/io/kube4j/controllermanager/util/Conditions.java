package io.kube4j.controllermanager.util;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Reads and sets {@code status.conditions} entries, keeping lastTransitionTime when the status is unchanged. */
public final class Conditions {

    private Conditions() {
    }

    public static Optional<ObjectNode> find(ObjectNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type) && c instanceof ObjectNode o) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public static boolean isTrue(ObjectNode status, String type) {
        return find(status, type).map(c -> c.path("status").asText().equals("True")).orElse(false);
    }

    /**
     * Sets a condition. {@code lastTransitionTime} moves only when the status flips;
     * {@code lastUpdateTime} (workload conditions) and the rest always follow the arguments.
     */
    public static void set(ObjectNode status, String type, String value, String reason, String message, Instant now,
                           boolean withUpdateTime) {
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
        ObjectNode c = find(status, type).orElseGet(() -> conditions.addObject().put("type", type));
        String time = format(now);
        boolean reasonChanged = !c.path("reason").asText().equals(reason) || !c.has("lastUpdateTime");
        if (!c.path("status").asText().equals(value) || !c.has("lastTransitionTime")) {
            c.put("lastTransitionTime", time);
        }
        c.put("status", value);
        c.put("reason", reason);
        c.put("message", message);
        if (withUpdateTime) {
            if (reasonChanged) {
                c.put("lastUpdateTime", time);
            }
        }
    }

    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Optional<Instant> time(JsonNode node) {
        String text = node == null ? "" : node.asText("");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
