package io.kube4j.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireReaderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "00, 0",
        "01, 1",
        "7f, 127",
        // 0x96 0x01: 0x16 + (1 << 7) = 150, the example of the protobuf documentation
        "9601, 150",
        "d804, 600",
        // int32 -1 is sign-extended to ten bytes
        "ffffffffffffffffff01, -1",
        "ffffffff07, 2147483647",
    })
    void readsVarintsOfOneToTenBytes(String hex, long expected) {
        WireReader in = new WireReader(HexFormat.of().parseHex(hex));

        assertThat(in.readVarint()).isEqualTo(expected);
        assertThat(in.hasMore()).isFalse();
    }

    @Test
    void rejectsAVarintThatNeverEnds() {
        assertThatThrownBy(() -> new WireReader(HexFormat.of().parseHex("8080")).readVarint())
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("truncated varint");
    }

    @Test
    void rejectsAVarintLongerThanTenBytes() {
        assertThatThrownBy(() -> new WireReader(HexFormat.of().parseHex("ffffffffffffffffffff01")).readVarint())
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("varint longer than ten bytes");
    }

    @Test
    void splitsATagIntoFieldNumberAndWireType() {
        // 0x8201 = field 16, wire type 2: a key longer than one byte
        int tag = new WireReader(HexFormat.of().parseHex("8201")).readTag();

        assertThat(WireReader.fieldNumber(tag)).isEqualTo(16);
        assertThat(WireReader.wireType(tag)).isEqualTo(WireReader.LENGTH_DELIMITED);
    }

    @Test
    void rejectsFieldNumberZero() {
        assertThatThrownBy(() -> new WireReader(new byte[] {0x02}).readTag())
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("invalid field number 0");
    }

    @Test
    void readsALengthDelimitedFieldAsItsOwnMessageAndMovesPastIt() {
        byte[] bytes = ProtoWriter.message().string(1, "ab").varint(2, 7).toByteArray();
        WireReader in = new WireReader(bytes);
        in.readTag();

        WireReader content = in.readDelimited();

        assertThat(content.readVarint()).isEqualTo('a');
        assertThat(content.readVarint()).isEqualTo('b');
        assertThat(content.hasMore()).isFalse();
        assertThat(WireReader.fieldNumber(in.readTag())).isEqualTo(2);
        assertThat(in.readVarint()).isEqualTo(7);
    }

    @Test
    void rejectsALengthThatRunsPastTheEnd() {
        WireReader in = new WireReader(HexFormat.of().parseHex("0a05616263"));
        in.readTag();

        assertThatThrownBy(in::readString)
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("length 5 runs past the end of the message (3 bytes left)");
    }

    @Test
    void aNestedReaderCannotReadPastItsMessage() {
        // field 1 holds one byte, 0x12, which claims a length-delimited field 2 of 1 byte
        // that would be the 0x08 after the nested message
        WireReader in = new WireReader(HexFormat.of().parseHex("0a02120108"));
        in.readTag();
        WireReader nested = in.readDelimited();
        nested.readTag();

        assertThatThrownBy(nested::readBytes).isInstanceOf(MalformedProtobufException.class);
    }

    @Test
    void skipsEachWireTypeKubernetesCanSend() {
        byte[] bytes = ProtoWriter.message()
                .varint(1, 300).fixed64(2, -1L).string(3, "skipped").fixed32(4, 42).varint(5, 9)
                .toByteArray();
        WireReader in = new WireReader(bytes);

        for (int i = 0; i < 4; i++) {
            in.skip(WireReader.wireType(in.readTag()));
        }

        assertThat(WireReader.fieldNumber(in.readTag())).isEqualTo(5);
        assertThat(in.readVarint()).isEqualTo(9);
    }

    @Test
    void rejectsGroupsWhichKubernetesNeverSends() {
        WireReader in = new WireReader(ProtoWriter.message().tag(1, 3).toByteArray());

        assertThatThrownBy(() -> in.skip(WireReader.wireType(in.readTag())))
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("unsupported wire type 3");
    }

    @Test
    void rejectsATruncatedFixedWidthValue() {
        WireReader in = new WireReader(HexFormat.of().parseHex("09010203"));

        assertThatThrownBy(() -> in.skip(WireReader.wireType(in.readTag())))
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("truncated fixed-width value");
    }
}
