package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code continue} token of a paged list: the read revision and the next key. */
record ContinueToken(long revision, String start) {

    static String encode(long revision, String start) {
        String json = Json.string(Json.object().put("v", "meta.k8s.io/v1").put("rv", revision).put("start", start));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken decode(String token, String prefix) {
        try {
            JsonNode json = Json.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            JsonNode rv = json.path("rv");
            // only the integers this server wrote: 1e99 would become Long.MAX_VALUE, a revision etcd calls "future"
            long revision = rv.isIntegralNumber() && rv.canConvertToLong() ? rv.asLong() : -1;
            String start = json.path("start").asText(null);
            if (revision <= 0 || start == null || start.contains("..") || start.startsWith("/")) {
                throw new IllegalArgumentException("bad token");
            }
            return new ContinueToken(revision, start);
        } catch (IllegalArgumentException e) {
            throw StatusException.badRequest("invalid continue token: the continue parameter is not valid");
        }
    }
}
