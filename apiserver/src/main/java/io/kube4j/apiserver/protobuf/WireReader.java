package io.kube4j.apiserver.protobuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over one protobuf message: the four wire types Kubernetes uses (varint, 64-bit,
 * length-delimited, 32-bit), with every length checked against the bytes that are left, so a
 * truncated or hostile body ends in a {@link MalformedProtobufException}, never in an
 * out-of-bounds read. Not thread-safe; each message gets its own reader.
 */
final class WireReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private final int limit;
    private int position;

    WireReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** Reads {@code bytes} from {@code offset} to the end. */
    WireReader(byte[] bytes, int offset) {
        this(bytes, offset, bytes.length);
    }

    private WireReader(byte[] bytes, int offset, int limit) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = limit;
    }

    boolean hasMore() {
        return position < limit;
    }

    /** The next key: field number in the high bits, wire type in the low three. */
    int readTag() {
        long key = readVarint();
        long field = key >>> 3;
        if (field < 1 || field > 0x1FFFFFFF) {
            throw new MalformedProtobufException("invalid field number " + field);
        }
        return (int) key;
    }

    static int fieldNumber(int tag) {
        return tag >>> 3;
    }

    static int wireType(int tag) {
        return tag & 7;
    }

    long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw new MalformedProtobufException("truncated varint");
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedProtobufException("varint longer than ten bytes");
    }

    /** The reader of a length-delimited field's content; this reader moves past it. */
    WireReader readDelimited() {
        int length = readLength();
        WireReader content = new WireReader(bytes, position, position + length);
        position += length;
        return content;
    }

    byte[] readBytes() {
        int length = readLength();
        byte[] content = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return content;
    }

    String readString() {
        int length = readLength();
        String content = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return content;
    }

    /** Skips the value of a field nobody asked for, whatever its wire type. */
    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(readLength());
            case FIXED32 -> advance(4);
            default -> throw new MalformedProtobufException("unsupported wire type " + wireType);
        }
    }

    private int readLength() {
        long length = readVarint();
        if (length < 0 || length > limit - position) {
            throw new MalformedProtobufException("length " + length + " runs past the end of the message ("
                    + (limit - position) + " bytes left)");
        }
        return (int) length;
    }

    private void advance(int count) {
        if (count > limit - position) {
            throw new MalformedProtobufException("truncated fixed-width value");
        }
        position += count;
    }
}
