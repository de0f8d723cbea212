package io.kube4j.apiserver.protobuf;

import io.kube4j.apiserver.protobuf.FieldSpec.Cardinality;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields of one protobuf message, by number. Numbers and JSON names come from Kubernetes'
 * {@code generated.proto} files; a field missing here is skipped when decoding, as protobuf does
 * with fields newer than its schema. Immutable once built.
 */
final class MessageSpec {

    private final String name;
    private final Map<Integer, FieldSpec> fields;

    private MessageSpec(String name, Map<Integer, FieldSpec> fields) {
        this.name = name;
        this.fields = Map.copyOf(fields);
    }

    String name() {
        return name;
    }

    /** The field with that number, or null when the schema does not know it. */
    FieldSpec field(int number) {
        return fields.get(number);
    }

    Collection<FieldSpec> fields() {
        return fields.values();
    }

    /**
     * Declares a message one field a line. The {@code opt} variants keep zero values: use them for
     * Go pointer fields, whose zero is meaningful ({@code replicas: 0}), and for the few fields
     * whose JSON never omits them ({@link FieldSpec#keepZero()}).
     */
    static final class Builder {

        private final String name;
        private final Map<Integer, FieldSpec> fields = new HashMap<>();

        Builder(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        Builder string(int number, String json) {
            return add(number, json, FieldType.STRING, Cardinality.SINGLE, null, false);
        }

        Builder optString(int number, String json) {
            return add(number, json, FieldType.STRING, Cardinality.SINGLE, null, true);
        }

        Builder bytes(int number, String json) {
            return add(number, json, FieldType.BYTES, Cardinality.SINGLE, null, false);
        }

        Builder int32(int number, String json) {
            return add(number, json, FieldType.INT32, Cardinality.SINGLE, null, false);
        }

        Builder optInt32(int number, String json) {
            return add(number, json, FieldType.INT32, Cardinality.SINGLE, null, true);
        }

        Builder int64(int number, String json) {
            return add(number, json, FieldType.INT64, Cardinality.SINGLE, null, false);
        }

        Builder optInt64(int number, String json) {
            return add(number, json, FieldType.INT64, Cardinality.SINGLE, null, true);
        }

        Builder bool(int number, String json) {
            return add(number, json, FieldType.BOOL, Cardinality.SINGLE, null, false);
        }

        Builder optBool(int number, String json) {
            return add(number, json, FieldType.BOOL, Cardinality.SINGLE, null, true);
        }

        Builder object(int number, String json, String message) {
            return add(number, json, FieldType.MESSAGE, Cardinality.SINGLE, message, true);
        }

        Builder inline(int number, String message) {
            return add(number, "", FieldType.MESSAGE, Cardinality.INLINE, message, true);
        }

        Builder intOrString(int number, String json) {
            return add(number, json, FieldType.INT_OR_STRING, Cardinality.SINGLE, null, true);
        }

        Builder quantity(int number, String json) {
            return add(number, json, FieldType.QUANTITY, Cardinality.SINGLE, null, true);
        }

        Builder time(int number, String json) {
            return add(number, json, FieldType.TIME, Cardinality.SINGLE, null, true);
        }

        Builder microTime(int number, String json) {
            return add(number, json, FieldType.MICRO_TIME, Cardinality.SINGLE, null, true);
        }

        Builder rawJson(int number, String json) {
            return add(number, json, FieldType.RAW_JSON, Cardinality.SINGLE, null, true);
        }

        Builder objects(int number, String json, String message) {
            return add(number, json, FieldType.MESSAGE, Cardinality.REPEATED, message, true);
        }

        Builder strings(int number, String json) {
            return add(number, json, FieldType.STRING, Cardinality.REPEATED, null, true);
        }

        Builder int32s(int number, String json) {
            return add(number, json, FieldType.INT32, Cardinality.REPEATED, null, true);
        }

        Builder int64s(int number, String json) {
            return add(number, json, FieldType.INT64, Cardinality.REPEATED, null, true);
        }

        Builder stringMap(int number, String json) {
            return add(number, json, FieldType.STRING, Cardinality.MAP, null, true);
        }

        Builder bytesMap(int number, String json) {
            return add(number, json, FieldType.BYTES, Cardinality.MAP, null, true);
        }

        Builder quantityMap(int number, String json) {
            return add(number, json, FieldType.QUANTITY, Cardinality.MAP, null, true);
        }

        Builder timeMap(int number, String json) {
            return add(number, json, FieldType.TIME, Cardinality.MAP, null, true);
        }

        Builder stringListMap(int number, String json) {
            return add(number, json, FieldType.STRING_LIST, Cardinality.MAP, null, true);
        }

        Builder objectMap(int number, String json, String message) {
            return add(number, json, FieldType.MESSAGE, Cardinality.MAP, message, true);
        }

        MessageSpec build() {
            return new MessageSpec(name, fields);
        }

        private Builder add(int number, String json, FieldType type, Cardinality cardinality, String message,
                            boolean keepZero) {
            FieldSpec field = new FieldSpec(number, json, type, cardinality, message, keepZero);
            if (fields.putIfAbsent(number, field) != null) {
                throw new IllegalStateException(name + " declares field " + number + " twice");
            }
            return this;
        }
    }
}
