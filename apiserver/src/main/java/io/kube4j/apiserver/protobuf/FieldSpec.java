package io.kube4j.apiserver.protobuf;

import java.util.Objects;

/**
 * One field of a message: its number on the wire, its name in JSON and how to read it.
 *
 * @param message  the schema name of the nested message for {@link FieldType#MESSAGE}, else null
 * @param keepZero whether a zero value ({@code 0}, {@code false}, {@code ""}) goes into the JSON.
 *                 Go writes every non-pointer scalar, zero or not, so zeros on the wire usually
 *                 mean "unset" and are dropped, as {@code omitempty} drops them from JSON. Pointer
 *                 fields ({@code replicas}, {@code immutable}) are only written when set, so their
 *                 zero is a real value and is kept; so is the zero of the few fields whose JSON
 *                 has no {@code omitempty} and where 0 means something ({@code value: 0}).
 */
record FieldSpec(int number, String json, FieldType type, Cardinality cardinality, String message,
                 boolean keepZero) {

    /** How many values a field holds and where they go in the JSON. */
    enum Cardinality {
        SINGLE,
        /** A JSON array. Zero values inside it are kept: {@code apiGroups: [""]} is the core group. */
        REPEATED,
        /** Repeated entries {1: key, 2: value}: a JSON object. */
        MAP,
        /** A Go struct embedded with {@code json:",inline"}: its fields go into the parent object. */
        INLINE
    }

    FieldSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cardinality, "cardinality");
        if (number < 1) {
            throw new IllegalArgumentException("field number must be positive: " + number);
        }
        if ((type == FieldType.MESSAGE) != (message != null)) {
            throw new IllegalArgumentException("field " + number + ": only MESSAGE fields name a message");
        }
    }
}
