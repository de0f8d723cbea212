package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 Event, kept as its JSON tree (see {@link KubeObject}). */
public final class Event extends KubeObject {

    public static final Kind<Event> KIND = new Kind<>("", "v1", "events", "Event", true, Event::new);

    public Event(ObjectNode json) {
        super(json);
    }

    /** A new, empty Event with kind, apiVersion and name set. */
    public static Event named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "Event");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new Event(json);
    }

    /** A copy of {@code json} as a Event. */
    public static Event of(JsonNode json) {
        return new Event(((ObjectNode) json).deepCopy());
    }

    @Override
    public Event deepCopy() {
        return new Event(json().deepCopy());
    }
}
