package io.kube4j.apiserver.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A test-side protobuf encoder: just enough to write the messages the decoder reads. */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static ProtoWriter message() {
        return new ProtoWriter();
    }

    /** A Kubernetes protobuf body: the magic, then runtime.Unknown{TypeMeta, raw}. */
    static byte[] body(String apiVersion, String kind, ProtoWriter object) {
        ProtoWriter typeMeta = message().string(1, apiVersion).string(2, kind);
        byte[] unknown = message().message(1, typeMeta).bytes(2, object.toByteArray()).toByteArray();
        byte[] body = new byte[unknown.length + 4];
        System.arraycopy(new byte[] {0x6b, 0x38, 0x73, 0x00}, 0, body, 0, 4);
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        return body;
    }

    ProtoWriter varint(int field, long value) {
        tag(field, WireReader.VARINT);
        rawVarint(value);
        return this;
    }

    ProtoWriter bool(int field, boolean value) {
        return varint(field, value ? 1 : 0);
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, WireReader.LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter message(int field, ProtoWriter nested) {
        return bytes(field, nested.toByteArray());
    }

    /** One map entry {1: key, 2: value}. */
    ProtoWriter entry(int field, String key, String value) {
        return message(field, message().string(1, key).string(2, value));
    }

    ProtoWriter fixed64(int field, long value) {
        tag(field, WireReader.FIXED64);
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    ProtoWriter fixed32(int field, int value) {
        tag(field, WireReader.FIXED32);
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
        return this;
    }

    /** Writes a key with any wire type, for malformed input. */
    ProtoWriter tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
        return this;
    }

    ProtoWriter rawVarint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
