package io.kube4j.apiserver.fieldmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code metadata.managedFields}: one entry per manager and operation. */
final class ManagedFields {

    enum Operation { Apply, Update }

    record Entry(String manager, Operation operation, String apiVersion, String time, String subresource,
                 FieldSet fields) {

        boolean sameOwner(String otherManager, Operation otherOperation, String otherSubresource) {
            return manager.equals(otherManager) && operation == otherOperation && subresource.equals(otherSubresource);
        }

        Entry withFields(FieldSet newFields) {
            return new Entry(manager, operation, apiVersion, time, subresource, newFields);
        }

        ObjectNode toJson() {
            ObjectNode json = Json.object();
            json.put("manager", manager);
            json.put("operation", operation.name());
            json.put("apiVersion", apiVersion);
            json.put("time", time);
            json.put("fieldsType", "FieldsV1");
            json.set("fieldsV1", fields.toFieldsV1());
            if (!subresource.isEmpty()) {
                json.put("subresource", subresource);
            }
            return json;
        }
    }

    private ManagedFields() {
    }

    /** The entries of an object; unreadable entries are dropped, as they cannot be honoured. */
    static List<Entry> read(JsonNode object) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : object.path("metadata").path("managedFields")) {
            Operation op;
            try {
                op = Operation.valueOf(e.path("operation").asText(""));
            } catch (IllegalArgumentException ex) {
                continue;
            }
            entries.add(new Entry(e.path("manager").asText(""), op, e.path("apiVersion").asText(""),
                    e.path("time").asText(""), e.path("subresource").asText(""), FieldSet.fromFieldsV1(e.path("fieldsV1"))));
        }
        return entries;
    }

    /** Stores {@code entries} (dropping those that own nothing) into the object's metadata. */
    static void write(ObjectNode object, List<Entry> entries) {
        ObjectNode meta = object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Entry e : entries) {
            if (!e.fields().isEmpty()) {
                array.add(e.toJson());
            }
        }
        if (array.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", array);
        }
    }
}
