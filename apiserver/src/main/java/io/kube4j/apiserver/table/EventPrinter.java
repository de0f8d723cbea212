package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.number;
import static io.kube4j.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code kubectl get events}: LAST SEEN TYPE REASON OBJECT MESSAGE; wide adds SUBOBJECT SOURCE
 * FIRST SEEN COUNT NAME. As in Kubernetes, Name is a wide column here, not the first.
 */
final class EventPrinter implements RowPrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.text("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
            Column.text("Type", "Type of this event (Normal, Warning)."),
            Column.text("Reason", "A short, machine understandable string that gives the reason for the transition."),
            Column.text("Object", "The object that this event is about."),
            Column.wide("Subobject", "The field of the object that this event is about."),
            Column.wide("Source", "The component reporting this event."),
            Column.text("Message", "A human-readable description of the status of this operation."),
            Column.wide("First Seen", "The time at which the event was first recorded."),
            new Column("Count", "integer", "", "The number of times this event has occurred.", 1),
            new Column("Name", "string", "name", "Name must be unique within a namespace.", 1));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode event, Instant now) {
        String firstSeen = Fields.time(event, "/firstTimestamp").isPresent()
                ? Fields.since(event, "/firstTimestamp", now)
                : Fields.since(event, "/eventTime", now);
        String lastSeen = Fields.time(event, "/lastTimestamp").isPresent()
                ? Fields.since(event, "/lastTimestamp", now)
                : firstSeen;
        long count = number(event, "/count");
        if (event.at("/series").isObject()) {
            lastSeen = Fields.since(event, "/series/lastObservedTime", now);
            count = number(event, "/series/count");
        } else if (count == 0) {
            count = 1; // events.k8s.io singletons leave count unset
        }
        return List.of(
                lastSeen,
                text(event, "/type"),
                text(event, "/reason"),
                object(event),
                text(event, "/involvedObject/fieldPath"),
                source(event),
                text(event, "/message").strip(),
                firstSeen,
                count,
                text(event, "/metadata/name"));
    }

    /** {@code pod/web-1}: the involved object's lower-cased kind and its name. */
    private static String object(JsonNode event) {
        String kind = text(event, "/involvedObject/kind").toLowerCase(Locale.ROOT);
        String name = text(event, "/involvedObject/name");
        return name.isEmpty() ? kind : kind + "/" + name;
    }

    private static String source(JsonNode event) {
        String component = firstNonEmpty(text(event, "/source/component"), text(event, "/reportingComponent"));
        String instance = firstNonEmpty(text(event, "/source/host"), text(event, "/reportingInstance"));
        if (component.isEmpty()) {
            return "";
        }
        return instance.isEmpty() ? component : component + ", " + instance;
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}
