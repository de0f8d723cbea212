package io.kube4j.apiserver.fieldvalidation;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The known fields of one part of an object: an open value (anything goes, for the parts we do
 * not describe), a struct with named fields, or a list whose items follow one schema. Immutable.
 */
record Schema(Kind kind, Map<String, Schema> fields, Schema items) {

    enum Kind { OPEN, STRUCT, LIST }

    static final Schema OPEN = new Schema(Kind.OPEN, Map.of(), null);

    /** A struct whose listed fields are open; refine some with {@link #with}. */
    static Schema struct(String... names) {
        Map<String, Schema> fields = new HashMap<>();
        for (String name : names) {
            fields.put(name, OPEN);
        }
        return new Schema(Kind.STRUCT, Map.copyOf(fields), null);
    }

    static Schema listOf(Schema items) {
        return new Schema(Kind.LIST, Map.of(), items);
    }

    /** This struct with {@code name} (known or new) described by {@code schema}. */
    Schema with(String name, Schema schema) {
        Map<String, Schema> more = new HashMap<>(fields);
        more.put(name, schema);
        return new Schema(kind, Map.copyOf(more), items);
    }

    /** This struct with more open fields. */
    Schema plus(String... names) {
        Map<String, Schema> more = new HashMap<>(fields);
        for (String name : names) {
            more.putIfAbsent(name, OPEN);
        }
        return new Schema(kind, Map.copyOf(more), items);
    }

    Set<String> names() {
        return fields.keySet();
    }
}
