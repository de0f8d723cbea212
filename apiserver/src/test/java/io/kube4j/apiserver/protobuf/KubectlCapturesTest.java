package io.kube4j.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies that the real kubectl 1.32 sent to a logging fake server, byte for byte, decoded and
 * compared with the JSON kubectl prints for the same command with {@code --dry-run=client -o json}
 * (nulls removed: Go writes a zero creationTimestamp as null, protobuf as nothing). The commands
 * are listed in {@code kubectl-1.32/README.md}.
 */
class KubectlCapturesTest {

    private static final String FIXTURES = "kubectl-1.32/";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "namespace", "configmap", "configmap-binary", "secret", "deployment", "deployment-zero-replicas",
        "serviceaccount", "service", "service-nodeport", "service-headless", "job", "cronjob", "role",
        "rolebinding", "clusterrole", "clusterrole-nonresource", "clusterrolebinding", "quota",
        "priorityclass", "poddisruptionbudget", "ingress", "selfsubjectaccessreview", "selfsubjectreview",
        "tokenrequest", "deleteoptions", "certificate-approve"})
    void decodesWhatKubectlSentIntoTheJsonKubectlPrintsForTheSameCommand(String fixture) {
        ObjectNode decoded = ProtobufBodies.decode(hex(fixture));

        assertThat(decoded).isEqualTo(withoutNulls(json(fixture)));
    }

    @Test
    void decodesKubectlCreateNamespaceExactly() {
        // kubectl create namespace t1: every string and number of ObjectMeta is on the wire, empty.
        byte[] body = HexFormat.of().parseHex("6b3873000a0f0a0276311209" + "4e616d657370616365" + "121a0a120a02743112001a"
                + "0022002a0032003800420012001a020a001a002200");

        ObjectNode decoded = ProtobufBodies.decode(body);

        assertThat(decoded.toString()).isEqualTo(
                "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"t1\"},\"spec\":{},\"status\":{}}");
    }

    @Test
    void keepsTheZeroOfAPointerFieldThatKubectlSent() {
        // create deployment --replicas=0: replicas is *int32, so its 0 is on the wire only when set.
        ObjectNode decoded = ProtobufBodies.decode(hex("deployment-zero-replicas"));

        assertThat(decoded.at("/spec/replicas").isInt()).isTrue();
        assertThat(decoded.at("/spec/replicas").intValue()).isZero();
        assertThat(decoded.at("/spec").has("minReadySeconds")).isFalse();
    }

    @Test
    void turnsSecretBytesIntoBase64() {
        ObjectNode decoded = ProtobufBodies.decode(hex("secret"));

        assertThat(decoded.at("/data/a").textValue()).isEqualTo("Yg==");
        assertThat(decoded.at("/data/pw").textValue()).isEqualTo("czNjcjN0IQ==");
    }

    @Test
    void keepsTheEmptyCoreGroupInARoleRule() {
        ObjectNode decoded = ProtobufBodies.decode(hex("role"));

        assertThat(decoded.at("/rules/0/apiGroups").toString()).isEqualTo("[\"\"]");
    }

    private static byte[] hex(String fixture) {
        String text = new String(resource(fixture + ".hex"), StandardCharsets.US_ASCII);
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    private static JsonNode json(String fixture) {
        try {
            return Json.MAPPER.readTree(resource(fixture + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = KubectlCapturesTest.class.getResourceAsStream(FIXTURES + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> field.getValue().isNull());
            object.forEach(KubectlCapturesTest::withoutNulls);
        } else if (node.isArray()) {
            node.forEach(KubectlCapturesTest::withoutNulls);
        }
        return node;
    }
}
