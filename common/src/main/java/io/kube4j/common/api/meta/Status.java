package io.kube4j.common.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes {@code Status} object: how every failure (and a few successes) goes on the wire.
 * Clients recognise failures by {@link #reason()} (AlreadyExists, Conflict, Expired, …), so the
 * reason must match the code as in API.md §9.
 *
 * @param code    the HTTP status code
 * @param reason  a machine-readable reason, empty for success
 * @param message the human-readable message
 * @param name    details.name, may be null
 * @param group   details.group, may be null
 * @param kind    details.kind (the resource plural, as Kubernetes puts it), may be null
 * @param uid     details.uid, may be null
 * @param causes  details.causes, never null
 * @param retryAfterSeconds details.retryAfterSeconds, 0 when absent
 */
public record Status(int code, String reason, String message, String name, String group, String kind,
                     String uid, List<StatusCause> causes, int retryAfterSeconds) {

    public Status {
        causes = causes == null ? List.of() : List.copyOf(causes);
    }

    public static Status failure(int code, String reason, String message) {
        return new Status(code, reason, message, null, null, null, null, List.of(), 0);
    }

    public Status withDetails(String name, String group, String kind) {
        return new Status(code, reason, message, name, group, kind, uid, causes, retryAfterSeconds);
    }

    public Status withUid(String uid) {
        return new Status(code, reason, message, name, group, kind, uid, causes, retryAfterSeconds);
    }

    public Status withCauses(List<StatusCause> causes) {
        return new Status(code, reason, message, name, group, kind, uid, causes, retryAfterSeconds);
    }

    public Status withRetryAfter(int seconds) {
        return new Status(code, reason, message, name, group, kind, uid, causes, seconds);
    }

    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("kind", "Status");
        json.put("apiVersion", "v1");
        json.putObject("metadata");
        json.put("status", isSuccess() ? "Success" : "Failure");
        if (message != null) {
            json.put("message", message);
        }
        if (reason != null && !reason.isEmpty()) {
            json.put("reason", reason);
        }
        if (name != null || group != null || kind != null || uid != null || !causes.isEmpty() || retryAfterSeconds > 0) {
            ObjectNode details = json.putObject("details");
            putIfPresent(details, "name", name);
            putIfPresent(details, "group", group);
            putIfPresent(details, "kind", kind);
            putIfPresent(details, "uid", uid);
            if (!causes.isEmpty()) {
                ArrayNode array = details.putArray("causes");
                for (StatusCause cause : causes) {
                    ObjectNode c = array.addObject();
                    putIfPresent(c, "reason", cause.reason());
                    putIfPresent(c, "message", cause.message());
                    putIfPresent(c, "field", cause.field());
                }
            }
            if (retryAfterSeconds > 0) {
                details.put("retryAfterSeconds", retryAfterSeconds);
            }
        }
        json.put("code", code);
        return json;
    }

    /** Reads a Status as a server sent it; tolerant of missing parts. */
    public static Status fromJson(JsonNode json, int httpCode) {
        JsonNode details = json.path("details");
        List<StatusCause> causes = new ArrayList<>();
        for (JsonNode c : details.path("causes")) {
            causes.add(new StatusCause(text(c, "reason"), text(c, "message"), text(c, "field")));
        }
        int code = json.path("code").asInt(httpCode);
        return new Status(code, text(json, "reason"), text(json, "message"), text(details, "name"),
                text(details, "group"), text(details, "kind"), text(details, "uid"), causes,
                details.path("retryAfterSeconds").asInt(0));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
