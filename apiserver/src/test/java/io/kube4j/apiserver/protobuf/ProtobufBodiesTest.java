package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.ProtoWriter.body;
import static io.kube4j.apiserver.protobuf.ProtoWriter.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The envelope around every body, and what clients hear when a body is not usable. */
class ProtobufBodiesTest {

    /** kubectl create namespace t1, as captured. */
    private static final byte[] NAMESPACE = HexFormat.of().parseHex(
            "6b3873000a0f0a02763112094e616d657370616365121a0a120a02743112001a0022002a0032003800420012001a020a001a002200");

    @Test
    void takesKindAndApiVersionFromTheEnvelopeAndPutsThemFirst() {
        ObjectNode decoded = ProtobufBodies.decode(body("apps/v1", "Deployment",
                message().message(1, message().string(1, "web"))));

        assertThat(decoded.toString()).isEqualTo("{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"web\"}}");
    }

    @Test
    void readsAnEnvelopeWithoutRawAsAnEmptyObject() {
        byte[] unknown = message().message(1, message().string(1, "v1").string(2, "DeleteOptions")).toByteArray();

        ObjectNode decoded = ProtobufBodies.decode(withMagic(unknown));

        assertThat(decoded.toString()).isEqualTo("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"v1", "apps/v1", "batch/v1", "meta.k8s.io/v1"})
    void acceptsDeleteOptionsWhateverGroupTheClientLabelledItWith(String apiVersion) {
        ObjectNode decoded = ProtobufBodies.decode(body(apiVersion, "DeleteOptions",
                message().varint(1, 0).string(4, "Foreground")));

        assertThat(decoded.get("gracePeriodSeconds").intValue()).isZero();
        assertThat(decoded.get("propagationPolicy").textValue()).isEqualTo("Foreground");
    }

    @Test
    void rejectsAKindWithoutSchemaWith415NamingItAndTheWayOut() {
        byte[] statefulSet = body("apps/v1", "StatefulSet", message().message(1, message().string(1, "db")));

        assertThatThrownBy(() -> ProtobufBodies.decode(statefulSet))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(415);
                    assertThat(e.reason()).isEqualTo("UnsupportedMediaType");
                    assertThat(e.getMessage()).contains("StatefulSet (apps/v1)", "application/json",
                            "-o json", "create -f");
                });
    }

    @Test
    void rejectsAKnownKindInAVersionWithoutSchemaWith415() {
        assertThatThrownBy(() -> ProtobufBodies.decode(body("apps/v1beta2", "Deployment", message())))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(415));
    }

    @Test
    void rejectsACompressedRawObjectWith415() {
        byte[] unknown = message()
                .message(1, message().string(1, "v1").string(2, "ConfigMap"))
                .bytes(2, new byte[] {1, 2, 3})
                .string(3, "gzip")
                .toByteArray();

        assertThatThrownBy(() -> ProtobufBodies.decode(withMagic(unknown)))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(415);
                    assertThat(e.getMessage()).contains("\"gzip\"");
                });
    }

    @Test
    void rejectsABodyWithoutTheMagicPrefixWith400() {
        assertBadRequest("{\"kind\":\"Namespace\"}".getBytes(), "it does not start with the prefix");
        assertBadRequest(new byte[] {0x6b, 0x38, 0x73}, "it does not start with the prefix");
        assertBadRequest(new byte[0], "it does not start with the prefix");
        assertBadRequest(null, "it does not start with the prefix");
    }

    @Test
    void rejectsAnEnvelopeWithoutKindWith400() {
        byte[] noKind = body("v1", "", message());

        assertBadRequest(noKind, "does not name its kind and apiVersion (got kind \"\", apiVersion \"v1\")");
    }

    @Test
    void rejectsAFieldWithTheWrongWireTypeWith400NamingIt() {
        // ConfigMap.data (2) must be a map entry, not a varint
        byte[] body = body("v1", "ConfigMap", message().varint(2, 1));

        assertBadRequest(body, "malformed protobuf: field 2 (data) of core.ConfigMap has wire type 0, expected 2");
    }

    @Test
    void rejectsEveryCutInsideAFieldOfARealBodyWith400() {
        // The envelope's fields end at 21 (TypeMeta), 49 (raw), 51 and 53 (the two empty strings):
        // a cut there leaves a shorter but well-formed envelope. Any other cut is malformed.
        Set<Integer> fieldEnds = Set.of(21, 49, 51);
        for (int length = 0; length < NAMESPACE.length; length++) {
            if (fieldEnds.contains(length)) {
                continue;
            }
            byte[] truncated = Arrays.copyOf(NAMESPACE, length);
            try {
                ProtobufBodies.decode(truncated);
                fail("a body cut to " + length + " bytes was accepted");
            } catch (StatusException e) {
                assertThat(e.code()).as("cut to %d bytes", length).isEqualTo(400);
            }
        }
    }

    @Test
    void answersRandomBytesOnlyWith400Or415() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            byte[] body = i % 2 == 0 ? withMagic(noise) : body("v1", "Pod", message().bytes(2, noise));
            try {
                ProtobufBodies.decode(body);
            } catch (StatusException e) {
                assertThat(e.code()).isIn(400, 415);
            }
        }
    }

    private static void assertBadRequest(byte[] body, String message) {
        assertThatThrownBy(() -> ProtobufBodies.decode(body))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static byte[] withMagic(byte[] unknown) {
        byte[] body = new byte[unknown.length + 4];
        body[0] = 0x6b;
        body[1] = 0x38;
        body[2] = 0x73;
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        return body;
    }
}
