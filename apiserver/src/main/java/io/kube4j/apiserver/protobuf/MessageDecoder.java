package io.kube4j.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Base64;

/**
 * Turns protobuf messages into the JSON Kubernetes would have written for the same Go object:
 * zero scalars left out unless the field keeps them, maps as objects, inline structs merged into
 * their parent. Fields the schema does not know are skipped. Stateless and thread-safe.
 */
final class MessageDecoder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Schema schema;

    MessageDecoder(Schema schema) {
        this.schema = schema;
    }

    ObjectNode decode(MessageSpec spec, WireReader in) {
        ObjectNode out = NODES.objectNode();
        decodeInto(spec, in, out);
        return out;
    }

    private void decodeInto(MessageSpec spec, WireReader in, ObjectNode out) {
        while (in.hasMore()) {
            int tag = in.readTag();
            int wireType = WireReader.wireType(tag);
            FieldSpec field = spec.field(WireReader.fieldNumber(tag));
            if (field == null) {
                in.skip(wireType);
                continue;
            }
            switch (field.cardinality()) {
                case SINGLE -> single(spec, field, wireType, in, out);
                case INLINE -> decodeInto(schema.message(field.message()), delimited(spec, field, wireType, in), out);
                case REPEATED -> repeated(spec, field, wireType, in, out);
                case MAP -> mapEntry(spec, field, wireType, in, out);
            }
        }
    }

    /** Last value wins, as in protobuf; a repeated nested message merges into the earlier one. */
    private void single(MessageSpec spec, FieldSpec field, int wireType, WireReader in, ObjectNode out) {
        JsonNode value = value(spec, field, wireType, in);
        if (value == null || (!field.keepZero() && isZero(field.type(), value))) {
            out.remove(field.json());
        } else if (value instanceof ObjectNode object && out.get(field.json()) instanceof ObjectNode earlier) {
            earlier.setAll(object);
        } else {
            out.set(field.json(), value);
        }
    }

    private void repeated(MessageSpec spec, FieldSpec field, int wireType, WireReader in, ObjectNode out) {
        ArrayNode array = out.get(field.json()) instanceof ArrayNode existing ? existing : out.putArray(field.json());
        if (field.type().varint() && wireType == WireReader.LENGTH_DELIMITED) {
            WireReader packed = in.readDelimited();
            while (packed.hasMore()) {
                array.add(varint(field.type(), packed.readVarint()));
            }
            return;
        }
        JsonNode value = value(spec, field, wireType, in);
        array.add(value == null ? NullNode.getInstance() : value);
    }

    /** One {1: key, 2: value} entry; a missing value is the value type's zero, as in Go. */
    private void mapEntry(MessageSpec spec, FieldSpec field, int wireType, WireReader in, ObjectNode out) {
        WireReader entry = delimited(spec, field, wireType, in);
        String key = "";
        JsonNode value = null;
        while (entry.hasMore()) {
            int tag = entry.readTag();
            int number = WireReader.fieldNumber(tag);
            if (number == 1 && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
                key = entry.readString();
            } else if (number == 2) {
                value = value(spec, field, WireReader.wireType(tag), entry);
            } else {
                entry.skip(WireReader.wireType(tag));
            }
        }
        ObjectNode map = out.get(field.json()) instanceof ObjectNode existing ? existing : out.putObject(field.json());
        map.set(key, value != null ? value : zero(field));
    }

    private JsonNode value(MessageSpec spec, FieldSpec field, int wireType, WireReader in) {
        FieldType type = field.type();
        if (type.varint()) {
            expect(spec, field, wireType, WireReader.VARINT);
            return varint(type, in.readVarint());
        }
        expect(spec, field, wireType, WireReader.LENGTH_DELIMITED);
        return switch (type) {
            case STRING -> TextNode.valueOf(in.readString());
            case BYTES -> TextNode.valueOf(Base64.getEncoder().encodeToString(in.readBytes()));
            case MESSAGE -> decode(schema.message(field.message()), in.readDelimited());
            case INT_OR_STRING -> WellKnownTypes.intOrString(in.readDelimited());
            case QUANTITY -> WellKnownTypes.quantity(in.readDelimited());
            case TIME -> WellKnownTypes.time(in.readDelimited(), false);
            case MICRO_TIME -> WellKnownTypes.time(in.readDelimited(), true);
            case RAW_JSON -> WellKnownTypes.rawJson(in.readDelimited());
            case STRING_LIST -> WellKnownTypes.stringList(in.readDelimited());
            case INT32, INT64, BOOL -> throw new IllegalStateException("varint types are read above");
        };
    }

    /** Numbers as Jackson reads them from JSON: an IntNode whenever the value fits. */
    private static JsonNode varint(FieldType type, long raw) {
        return switch (type) {
            case INT32 -> IntNode.valueOf((int) raw);
            case BOOL -> BooleanNode.valueOf(raw != 0);
            default -> raw == (int) raw ? IntNode.valueOf((int) raw) : LongNode.valueOf(raw);
        };
    }

    private static boolean isZero(FieldType type, JsonNode value) {
        if (!type.scalar()) {
            return false;
        }
        return value.isTextual() ? value.textValue().isEmpty()
                : value.isBoolean() ? !value.booleanValue()
                : value.isNumber() && value.longValue() == 0;
    }

    private static JsonNode zero(FieldSpec field) {
        return switch (field.type()) {
            case STRING, BYTES -> TextNode.valueOf("");
            case INT32, INT64 -> IntNode.valueOf(0);
            case BOOL -> BooleanNode.FALSE;
            case QUANTITY -> TextNode.valueOf("0");
            case MESSAGE -> NODES.objectNode();
            case STRING_LIST -> NODES.arrayNode();
            case INT_OR_STRING, TIME, MICRO_TIME, RAW_JSON -> NullNode.getInstance();
        };
    }

    private WireReader delimited(MessageSpec spec, FieldSpec field, int wireType, WireReader in) {
        expect(spec, field, wireType, WireReader.LENGTH_DELIMITED);
        return in.readDelimited();
    }

    private static void expect(MessageSpec spec, FieldSpec field, int actual, int expected) {
        if (actual != expected) {
            throw new MalformedProtobufException("field " + field.number() + " (" + describe(field) + ") of "
                    + spec.name() + " has wire type " + actual + ", expected " + expected);
        }
    }

    private static String describe(FieldSpec field) {
        return field.json().isEmpty() ? field.message() : field.json();
    }
}
