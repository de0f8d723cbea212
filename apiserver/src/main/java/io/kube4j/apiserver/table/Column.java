package io.kube4j.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;

/**
 * One column of a {@code meta.k8s.io/v1} Table.
 *
 * @param type     {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code date}
 * @param format   {@code name} for the column kubectl treats as the object's name, else empty
 * @param priority 0 = always shown; 1 = only with {@code -o wide}
 */
record Column(String name, String type, String format, String description, int priority) {

    static final Column NAME = new Column("Name", "string", "name",
            "Name must be unique within a namespace.", 0);
    static final Column AGE = new Column("Age", "string", "",
            "Time since the object was created (metadata.creationTimestamp).", 0);

    static Column text(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    static Column integer(String name, String description) {
        return new Column(name, "integer", "", description, 0);
    }

    static Column wide(String name, String description) {
        return new Column(name, "string", "", description, 1);
    }

    ObjectNode toJson() {
        ObjectNode column = Json.object();
        column.put("name", name);
        column.put("type", type);
        column.put("format", format);
        column.put("description", description);
        column.put("priority", priority);
        return column;
    }
}
