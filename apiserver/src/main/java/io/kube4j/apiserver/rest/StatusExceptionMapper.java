package io.kube4j.apiserver.rest;

import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.storage.StorageException;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure leaves as a Kubernetes Status with the right code; only real bugs are 500s, and they are logged. */
public final class StatusExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(StatusExceptionMapper.class);

    @Override
    public Response toResponse(Throwable error) {
        Status status = status(error);
        Response.ResponseBuilder reply = Response.status(status.code()).entity(Json.bytes(status.toJson()))
                .type("application/json");
        if (status.retryAfterSeconds() > 0) {
            reply.header("Retry-After", status.retryAfterSeconds());
        }
        return reply.build();
    }

    static Status status(Throwable error) {
        if (error instanceof StatusException s) {
            return s.status();
        }
        if (error instanceof StorageException s) {
            return GenericStore.translate(s, null, "").status();
        }
        if (error instanceof WebApplicationException w) {
            int code = w.getResponse().getStatus();
            return switch (code) {
                case 404 -> Status.failure(404, "NotFound", "the server could not find the requested resource");
                case 405 -> Status.failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
                case 406 -> Status.failure(406, "NotAcceptable", "the server cannot produce the requested media type");
                case 415 -> Status.failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format");
                default -> code < 500 ? Status.failure(code, "BadRequest", String.valueOf(w.getMessage()))
                        : Status.failure(code, "InternalError", "Internal error occurred: " + w.getMessage());
            };
        }
        if (error instanceof UncheckedIOException u && u.getMessage() != null && u.getMessage().contains("corrupt stored object")) {
            LOG.error("corrupt object in etcd", error);
            return Status.failure(500, "InternalError", "Internal error occurred: " + u.getMessage());
        }
        LOG.error("unexpected failure", error);
        return Status.failure(500, "InternalError", "Internal error occurred: " + error);
    }
}
