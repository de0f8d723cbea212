package io.kube4j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.Json;
import java.time.Instant;
import java.util.List;

/**
 * Server-side printing: {@code meta.k8s.io/v1} Tables as {@code kubectl get} asks for them
 * ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}). Columns follow kubectl's usual
 * sets per kind; unknown kinds get Name and Age. Every cell is computed, wide ones included;
 * kubectl hides priority-1 columns unless {@code -o wide}.
 *
 * <p>Pure functions, safe from any thread. The tables returned share nodes with the objects
 * passed in (row objects, metadata): encode them, never mutate them.
 */
public final class Tables {

    private Tables() {
    }

    /** A list's Table, with column definitions. */
    public static ObjectNode table(ResourceType type, List<? extends JsonNode> objects, long listRevision,
                                   String continueToken, boolean includeObject, Instant now) {
        return table(type, objects, listRevision, continueToken, includeObject, true, now);
    }

    /**
     * A Table of these objects, in the given order.
     *
     * @param listRevision  the list's {@code metadata.resourceVersion}; for a single object or a
     *                      watch event, the object's resourceVersion
     * @param continueToken the list's {@code metadata.continue}; null or empty for none
     * @param includeObject true ({@code includeObject=Object}): each row carries the full object;
     *                      false: a PartialObjectMetadata with its metadata, which kubectl needs
     *                      for the NAMESPACE column, {@code --show-labels} and {@code -L}
     * @param withColumns   false for every watch event after the first: they carry rows only
     * @param now           the time ages are measured to
     */
    public static ObjectNode table(ResourceType type, List<? extends JsonNode> objects, long listRevision,
                                   String continueToken, boolean includeObject, boolean withColumns, Instant now) {
        RowPrinter printer = Printers.forResource(type.groupResource());
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        metadata.put("resourceVersion", Long.toString(listRevision));
        if (continueToken != null && !continueToken.isEmpty()) {
            metadata.put("continue", continueToken);
        }
        table.set("columnDefinitions", withColumns ? columns(printer) : Json.MAPPER.createArrayNode());
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            rows.add(row(printer, object, includeObject, now));
        }
        return table;
    }

    /** The column definitions of a resource's Table. */
    public static ArrayNode columnDefinitions(ResourceType type) {
        return columns(Printers.forResource(type.groupResource()));
    }

    /** One row: {@code {"cells":[...],"object":{...}}}, its cells matching {@link #columnDefinitions}. */
    public static ObjectNode row(ResourceType type, JsonNode object, boolean includeObject, Instant now) {
        return row(Printers.forResource(type.groupResource()), object, includeObject, now);
    }

    private static ArrayNode columns(RowPrinter printer) {
        ArrayNode columns = Json.MAPPER.createArrayNode();
        printer.columns().forEach(c -> columns.add(c.toJson()));
        return columns;
    }

    private static ObjectNode row(RowPrinter printer, JsonNode object, boolean includeObject, Instant now) {
        ObjectNode row = Json.object();
        ArrayNode cells = row.putArray("cells");
        for (Object cell : printer.cells(object, now)) {
            if (cell instanceof Long number) {
                cells.add(number);
            } else if (cell instanceof Integer number) {
                cells.add(number);
            } else {
                cells.add(String.valueOf(cell));
            }
        }
        row.set("object", includeObject ? object : partialObjectMetadata(object));
        return row;
    }

    private static ObjectNode partialObjectMetadata(JsonNode object) {
        ObjectNode partial = Json.object();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        JsonNode metadata = object.path("metadata");
        partial.set("metadata", metadata.isObject() ? metadata : Json.object());
        return partial;
    }
}
