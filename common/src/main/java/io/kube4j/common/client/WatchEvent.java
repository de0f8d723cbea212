package io.kube4j.common.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of a watch stream.
 *
 * @param object the object (for ADDED, MODIFIED, DELETED), null for BOOKMARK and ERROR
 * @param raw    the event's {@code object} as sent (the Status of an ERROR, the bookmark's metadata)
 */
public record WatchEvent<T>(Type type, T object, JsonNode raw) {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

    /** The resourceVersion the event carries (every type has one but ERROR). */
    public String resourceVersion() {
        return raw.path("metadata").path("resourceVersion").asText("");
    }
}
