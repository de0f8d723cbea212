package io.kube4j.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The apiserver answered with a non-2xx code. Carries the server's {@link Status} so callers
 * decide by {@link #reason()} (NotFound, AlreadyExists, Conflict, Invalid, Expired, …) the way
 * client-go's {@code errors.IsNotFound} does. Failures to reach the server at all are
 * {@link java.io.UncheckedIOException}s instead: no Status came back.
 */
public final class ApiException extends RuntimeException {

    /** Long HTML error pages from proxies are cut to this many characters in the message. */
    static final int MAX_TEXT = 1024;

    private final transient Status status;

    public ApiException(String method, String path, Status status) {
        super(method + " " + path + ": " + status.code() + " " + (status.reason() == null ? "" : status.reason() + ": ")
                + status.message());
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.code();
    }

    /** The machine-readable reason; derived from the code when the server sent no Status. */
    public String reason() {
        return status.reason();
    }

    public boolean isNotFound() {
        return code() == 404;
    }

    public boolean isAlreadyExists() {
        return code() == 409 && "AlreadyExists".equals(reason());
    }

    /** A write lost an optimistic-concurrency race (stale resourceVersion): re-read and retry. */
    public boolean isConflict() {
        return code() == 409 && !"AlreadyExists".equals(reason());
    }

    /** The resourceVersion asked for is too old: re-list. */
    public boolean isGone() {
        return code() == 410;
    }

    public boolean isInvalid() {
        return code() == 422;
    }

    /**
     * The Status of a failed reply: the body itself when it is a JSON Status, else a Status with
     * the HTTP code, the reason Kubernetes gives that code, and the body text as the message.
     */
    static Status statusOf(int code, byte[] body) {
        if (body != null && body.length > 0) {
            try {
                JsonNode json = Json.parse(body);
                if (json != null && json.isObject() && (json.has("reason") || "Status".equals(json.path("kind").asText()))) {
                    Status status = Status.fromJson(json, code);
                    return status.reason() == null ? withReason(status, code) : status;
                }
            } catch (IOException e) {
                // not JSON: fall through to the text
            }
        }
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "…";
        }
        String message = text.isEmpty() ? "the server answered HTTP " + code + " with no body" : text;
        return Status.failure(code, reasonFor(code), message);
    }

    private static Status withReason(Status status, int code) {
        return new Status(status.code(), reasonFor(code), status.message(), status.name(), status.group(), status.kind(),
                status.uid(), status.causes(), status.retryAfterSeconds());
    }

    /** The reason an apiserver puts on a Status of this code (k8s.io/apimachinery StatusReason). */
    static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "Unknown";
        };
    }
}
