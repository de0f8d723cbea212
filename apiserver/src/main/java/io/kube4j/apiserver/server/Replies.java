package io.kube4j.apiserver.server;

import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Complete JSON replies written straight on Jetty, for the parts of the server in front of Jersey. */
public final class Replies {

    private Replies() {
    }

    public static void json(Response response, Callback callback, int code, byte[] body) {
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    public static void status(Response response, Callback callback, Status status) {
        if (status.retryAfterSeconds() > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(status.retryAfterSeconds()));
        }
        json(response, callback, status.code(), Json.bytes(status.toJson()));
    }
}
