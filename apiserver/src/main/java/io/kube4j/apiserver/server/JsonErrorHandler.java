package io.kube4j.apiserver.server;

import io.kube4j.common.api.meta.Status;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Errors Jetty itself produces (bad URIs, oversized headers) also leave as Status JSON, never HTML. */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int code = response.getStatus() >= 400 ? response.getStatus() : 500;
        String reason = switch (code) {
            case 400 -> "BadRequest";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 413 -> "RequestEntityTooLarge";
            case 414, 431 -> "BadRequest";
            case 503 -> "ServiceUnavailable";
            default -> code < 500 ? "BadRequest" : "InternalError";
        };
        Replies.status(response, callback, Status.failure(code, reason, "the server could not handle the request (" + code + ")"));
        return true;
    }
}
