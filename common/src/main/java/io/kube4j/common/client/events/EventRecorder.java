package io.kube4j.common.client.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.KubeObject;
import io.kube4j.common.api.core.Event;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about objects, as the component {@code source}. Repeats of the same
 * event (same object, type, reason and message) within ten minutes bump {@code count} and
 * {@code lastTimestamp} of the existing Event instead of creating another. Recording never
 * blocks the caller: writes happen on a background thread, and failures are only logged.
 */
public final class EventRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final int MAX_REMEMBERED = 4096;
    private static final long AGGREGATION_SECONDS = 600;

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private final ResourceClient<Event> events;
    private final String source;
    private final String host;
    private final Clock clock;
    private final ExecutorService writer;
    private final Map<String, Seen> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    private record Seen(String namespace, String name, int count, Instant first, Instant last) {
    }

    public EventRecorder(ResourceClient<Event> events, String source, String host, Clock clock) {
        this.events = events;
        this.source = source;
        this.host = host;
        this.clock = clock;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "event-recorder");
            t.setDaemon(true);
            return t;
        });
    }

    /** Records an event about {@code object} ({@link #NORMAL} or {@link #WARNING}). */
    public void event(KubeObject object, String type, String reason, String message) {
        ObjectNode involved = involvedObject(object);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        writer.execute(() -> write(involved, type, reason, message, now));
    }

    private static ObjectNode involvedObject(KubeObject object) {
        ObjectNode ref = io.kube4j.common.api.Json.object();
        ref.put("kind", object.kind());
        ref.put("apiVersion", object.apiVersion());
        ref.put("namespace", object.metadata().namespace());
        ref.put("name", object.metadata().name());
        ref.put("uid", object.metadata().uid());
        ref.put("resourceVersion", object.metadata().resourceVersion());
        return ref;
    }

    private void write(ObjectNode involved, String type, String reason, String message, Instant now) {
        String namespace = involved.path("namespace").asText("");
        String eventNamespace = namespace.isEmpty() ? "default" : namespace;
        String key = involved.path("uid").asText() + "|" + involved.path("name").asText() + "|" + type + "|" + reason + "|" + message;
        try {
            Seen previous = seen.get(key);
            if (previous != null && previous.last().plusSeconds(AGGREGATION_SECONDS).isAfter(now)) {
                ObjectNode patch = io.kube4j.common.api.Json.object();
                patch.put("count", previous.count() + 1);
                patch.put("lastTimestamp", format(now));
                try {
                    events.patch(previous.namespace(), previous.name(), ResourceClient.MERGE_PATCH, patch);
                    seen.put(key, new Seen(previous.namespace(), previous.name(), previous.count() + 1, previous.first(), now));
                    return;
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
            String name = involved.path("name").asText("object") + "." + Long.toHexString(System.nanoTime());
            Event event = Event.named(eventNamespace, name);
            ObjectNode json = event.json();
            json.set("involvedObject", involved);
            json.put("reason", reason);
            json.put("message", message);
            json.put("type", type);
            json.put("count", 1);
            json.put("firstTimestamp", format(now));
            json.put("lastTimestamp", format(now));
            json.putObject("source").put("component", source).put("host", host);
            json.put("reportingComponent", source);
            json.put("reportingInstance", host);
            events.create(event);
            seen.put(key, new Seen(eventNamespace, name, 1, now, now));
        } catch (RuntimeException e) {
            LOG.debug("could not record event {} on {}: {}", reason, involved.path("name").asText(), e.getMessage());
        }
    }

    private static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** Stops after writing what is already recorded (at most a few seconds). */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
