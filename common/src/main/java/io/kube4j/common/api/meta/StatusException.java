package io.kube4j.common.api.meta;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A failure that carries the {@link Status} to answer with. The factories spell Kubernetes'
 * messages so that clients and people see what they would see from a real apiserver.
 */
public final class StatusException extends RuntimeException {

    private final transient Status status;

    public StatusException(Status status) {
        super(status.message());
        this.status = status;
    }

    public StatusException(Status status, Throwable cause) {
        super(status.message(), cause);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.code();
    }

    public String reason() {
        return status.reason();
    }

    /** @param resource the resource plural with its group, like Kubernetes: {@code pods}, {@code deployments.apps} */
    public static StatusException notFound(String resource, String name) {
        return new StatusException(Status.failure(404, "NotFound", resource + " \"" + name + "\" not found")
                .withDetails(name, null, plural(resource)));
    }

    public static StatusException alreadyExists(String resource, String name) {
        return new StatusException(Status.failure(409, "AlreadyExists", resource + " \"" + name + "\" already exists")
                .withDetails(name, null, plural(resource)));
    }

    public static StatusException conflict(String resource, String name, String detail) {
        return new StatusException(Status.failure(409, "Conflict",
                "Operation cannot be fulfilled on " + resource + " \"" + name + "\": " + detail)
                .withDetails(name, null, plural(resource)));
    }

    public static StatusException modified(String resource, String name) {
        return conflict(resource, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    public static StatusException invalid(String kind, String name, List<StatusCause> causes) {
        String joined = causes.stream().map(StatusCause::describe).collect(Collectors.joining(", "));
        String message = kind + " \"" + (name == null ? "" : name) + "\" is invalid: "
                + (causes.size() > 1 ? "[" + joined + "]" : joined);
        return new StatusException(Status.failure(422, "Invalid", message)
                .withDetails(name, null, kind).withCauses(causes));
    }

    public static StatusException badRequest(String message) {
        return new StatusException(Status.failure(400, "BadRequest", message));
    }

    public static StatusException unauthorized(String message) {
        return new StatusException(Status.failure(401, "Unauthorized", message));
    }

    public static StatusException forbidden(String message) {
        return new StatusException(Status.failure(403, "Forbidden", message));
    }

    public static StatusException methodNotAllowed(String message) {
        return new StatusException(Status.failure(405, "MethodNotAllowed", message));
    }

    public static StatusException gone(String message) {
        return new StatusException(Status.failure(410, "Expired", message));
    }

    public static StatusException tooLarge(String message) {
        return new StatusException(Status.failure(413, "RequestEntityTooLarge", message));
    }

    public static StatusException unsupportedMediaType(String message) {
        return new StatusException(Status.failure(415, "UnsupportedMediaType", message));
    }

    public static StatusException notAcceptable(String message) {
        return new StatusException(Status.failure(406, "NotAcceptable", message));
    }

    public static StatusException tooManyRequests(String message, int retryAfterSeconds) {
        return new StatusException(Status.failure(429, "TooManyRequests", message).withRetryAfter(retryAfterSeconds));
    }

    public static StatusException internal(String message, Throwable cause) {
        return new StatusException(Status.failure(500, "InternalError", "Internal error occurred: " + message), cause);
    }

    public static StatusException unavailable(String message, Throwable cause) {
        return new StatusException(Status.failure(503, "ServiceUnavailable", message).withRetryAfter(1), cause);
    }

    public static StatusException timeout(String message) {
        return new StatusException(Status.failure(504, "Timeout", message));
    }

    private static String plural(String resource) {
        int dot = resource.indexOf('.');
        return dot < 0 ? resource : resource.substring(0, dot);
    }
}
