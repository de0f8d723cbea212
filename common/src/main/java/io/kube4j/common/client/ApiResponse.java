package io.kube4j.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;

/**
 * A successful (2xx) reply, raw: for the few callers that need more than the JSON body, such as a
 * text log or the protocol the connection negotiated.
 *
 * @param code        the HTTP status code
 * @param contentType the {@code Content-Type} header, empty when absent
 * @param body        the body bytes, empty when there was none
 * @param version     the HTTP version of the exchange (HTTP/2 against a kube4j apiserver)
 */
public record ApiResponse(int code, String contentType, byte[] body, HttpClient.Version version) {

    public ApiResponse {
        contentType = contentType == null ? "" : contentType;
        body = body == null ? new byte[0] : body;
    }

    /** The body as JSON, null when empty. */
    public JsonNode json() {
        if (body.length == 0) {
            return null;
        }
        try {
            return Json.parse(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the apiserver's " + code + " reply is not JSON (" + contentType + "): "
                    + e.getMessage(), e);
        }
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
