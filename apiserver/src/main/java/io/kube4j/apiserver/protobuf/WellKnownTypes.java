package io.kube4j.apiserver.protobuf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The apimachinery types whose JSON is not their protobuf structure: they are messages on the
 * wire but strings, numbers or arrays in JSON. Each method reads the content of one message.
 */
final class WellKnownTypes {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Go's zero time.Time, 0001-01-01T00:00:00Z, which JSON writes as null. */
    private static final long GO_ZERO_TIME_SECONDS = -62135596800L;

    private WellKnownTypes() {
    }

    /**
     * meta/v1.Time or MicroTime {1: seconds, 2: nanos}, or null for the zero time: Go writes that
     * as an empty message, and as null in JSON.
     */
    static JsonNode time(WireReader in, boolean micro) {
        if (!in.hasMore()) {
            return null;
        }
        long seconds = 0;
        long nanos = 0;
        while (in.hasMore()) {
            int tag = in.readTag();
            int number = WireReader.fieldNumber(tag);
            if (number == 1 && WireReader.wireType(tag) == WireReader.VARINT) {
                seconds = in.readVarint();
            } else if (number == 2 && WireReader.wireType(tag) == WireReader.VARINT) {
                nanos = (int) in.readVarint();
            } else {
                in.skip(WireReader.wireType(tag));
            }
        }
        if (nanos < 0 || nanos > 999_999_999) {
            throw new MalformedProtobufException("timestamp nanos out of range: " + nanos);
        }
        if (seconds == GO_ZERO_TIME_SECONDS && nanos == 0) {
            return null;
        }
        try {
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            return TextNode.valueOf((micro ? MICROS : SECONDS).format(instant));
        } catch (DateTimeException e) {
            throw new MalformedProtobufException("timestamp out of range: " + seconds + "s");
        }
    }

    /** util/intstr.IntOrString {1: type (0 int, 1 string), 2: intVal, 3: strVal}. */
    static JsonNode intOrString(WireReader in) {
        long type = 0;
        int intValue = 0;
        String stringValue = "";
        while (in.hasMore()) {
            int tag = in.readTag();
            int number = WireReader.fieldNumber(tag);
            int wireType = WireReader.wireType(tag);
            if (number == 1 && wireType == WireReader.VARINT) {
                type = in.readVarint();
            } else if (number == 2 && wireType == WireReader.VARINT) {
                intValue = (int) in.readVarint();
            } else if (number == 3 && wireType == WireReader.LENGTH_DELIMITED) {
                stringValue = in.readString();
            } else {
                in.skip(wireType);
            }
        }
        return type == 1 ? TextNode.valueOf(stringValue) : IntNode.valueOf(intValue);
    }

    /** api/resource.Quantity {1: string}; an empty message is the zero quantity. */
    static JsonNode quantity(WireReader in) {
        String value = "0";
        while (in.hasMore()) {
            int tag = in.readTag();
            if (WireReader.fieldNumber(tag) == 1 && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
                value = in.readString();
            } else {
                in.skip(WireReader.wireType(tag));
            }
        }
        return TextNode.valueOf(value);
    }

    /** runtime.RawExtension or meta/v1.FieldsV1 {1: raw JSON}; null when empty. */
    static JsonNode rawJson(WireReader in) {
        byte[] raw = null;
        while (in.hasMore()) {
            int tag = in.readTag();
            if (WireReader.fieldNumber(tag) == 1 && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
                raw = in.readBytes();
            } else {
                in.skip(WireReader.wireType(tag));
            }
        }
        if (raw == null || raw.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new MalformedProtobufException("embedded raw object is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedProtobufException("embedded raw object is not JSON: "
                    + new String(raw, 0, Math.min(raw.length, 40), StandardCharsets.UTF_8));
        }
    }

    /** A message {1: repeated string}, such as authorization's ExtraValue: a JSON array. */
    static JsonNode stringList(WireReader in) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        while (in.hasMore()) {
            int tag = in.readTag();
            if (WireReader.fieldNumber(tag) == 1 && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
                items.add(in.readString());
            } else {
                in.skip(WireReader.wireType(tag));
            }
        }
        return items;
    }
}
