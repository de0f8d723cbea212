package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.ProtoWriter.body;
import static io.kube4j.apiserver.protobuf.ProtoWriter.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How protobuf values become the JSON Go would write for the same object. */
class MessageDecoderTest {

    @Test
    void dropsZeroScalarsAsOmitemptyDoesButKeepsThoseOfPointerFields() {
        ObjectNode deployment = decode("apps/v1", "Deployment", message()
                .message(2, message()
                        .varint(1, 0)        // replicas *int32: explicitly 0
                        .varint(5, 0)        // minReadySeconds int32: Go writes it even when unset
                        .varint(7, 0)        // paused bool
                        .varint(6, 0)));     // revisionHistoryLimit *int32

        assertThat(deployment.get("spec").toString()).isEqualTo("{\"replicas\":0,\"revisionHistoryLimit\":0}");
    }

    @Test
    void keepsFalseForAPointerBool() {
        ObjectNode configMap = decode("v1", "ConfigMap", message().bool(4, false));

        assertThat(configMap.get("immutable").isBoolean()).isTrue();
        assertThat(configMap.get("immutable").booleanValue()).isFalse();
    }

    @Test
    void dropsEmptyStringsButKeepsThemInListsAndMaps() {
        ObjectNode namespace = decode("v1", "Namespace", message()
                .message(1, message()
                        .string(1, "ns").string(2, "").string(6, "")
                        .entry(11, "empty", "")
                        .string(14, "")));

        assertThat(namespace.get("metadata").toString())
                .isEqualTo("{\"name\":\"ns\",\"labels\":{\"empty\":\"\"},\"finalizers\":[\"\"]}");
    }

    @Test
    void writesAnEmptyNestedMessageAsAnEmptyObject() {
        // volumes: [{name: cache, emptyDir: {}}]: the presence of emptyDir is what matters
        ObjectNode pod = decode("v1", "Pod", message().message(2, message()
                .message(1, message().string(1, "cache").message(2, message().message(2, message())))));

        assertThat(pod.at("/spec/volumes").toString()).isEqualTo("[{\"name\":\"cache\",\"emptyDir\":{}}]");
    }

    @Test
    void mergesInlineStructsIntoTheirParent() {
        // EnvVar{name, valueFrom: {configMapKeyRef: {LocalObjectReference{name}, key}}}
        ProtoWriter env = message().string(1, "MODE").message(3, message()
                .message(3, message().message(1, message().string(1, "settings")).string(2, "mode")));
        ObjectNode pod = decode("v1", "Pod", message().message(2, message()
                .message(2, message().string(1, "app").message(7, env))));

        assertThat(pod.at("/spec/containers/0/env/0").toString()).isEqualTo(
                "{\"name\":\"MODE\",\"valueFrom\":{\"configMapKeyRef\":{\"name\":\"settings\",\"key\":\"mode\"}}}");
    }

    @ParameterizedTest(name = "{0}s {1}ns -> {2}")
    @CsvSource({
        "1700000000, 0, 2023-11-14T22:13:20Z",
        // Time has second precision in JSON: nanos are dropped, not rounded
        "1700000000, 999999999, 2023-11-14T22:13:20Z",
        "0, 0, 1970-01-01T00:00:00Z",
    })
    void writesTimesAsRfc3339ToTheSecond(long seconds, int nanos, String expected) {
        ObjectNode namespace = decode("v1", "Namespace", message()
                .message(1, message().message(8, message().varint(1, seconds).varint(2, nanos))));

        assertThat(namespace.at("/metadata/creationTimestamp").textValue()).isEqualTo(expected);
    }

    @Test
    void leavesOutTheZeroTimeWhichGoWritesAsAnEmptyMessage() {
        ObjectNode namespace = decode("v1", "Namespace", message().message(1, message().message(8, message())));

        assertThat(namespace.get("metadata").toString()).isEqualTo("{}");
    }

    @Test
    void writesMicroTimesWithSixFractionalDigits() {
        ObjectNode lease = decode("coordination.k8s.io/v1", "Lease", message().message(2, message()
                .string(1, "node-1")
                .varint(2, 40)
                .message(3, message().varint(1, 1700000000))
                .message(4, message().varint(1, 1700000000).varint(2, 123456789))));

        assertThat(lease.get("spec").toString()).isEqualTo("{\"holderIdentity\":\"node-1\",\"leaseDurationSeconds\":40,"
                + "\"acquireTime\":\"2023-11-14T22:13:20.000000Z\",\"renewTime\":\"2023-11-14T22:13:20.123456Z\"}");
    }

    @Test
    void writesIntOrStringAsANumberOrAString() {
        ObjectNode deployment = decode("apps/v1", "Deployment", message().message(2, message()
                .message(4, message().string(1, "RollingUpdate").message(2, message()
                        .message(1, message().varint(1, 0).varint(2, 1))
                        .message(2, message().varint(1, 1).string(3, "25%"))))));

        assertThat(deployment.at("/spec/strategy").toString()).isEqualTo(
                "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxUnavailable\":1,\"maxSurge\":\"25%\"}}");
    }

    @Test
    void writesQuantitiesAsTheirStrings() {
        ObjectNode pod = decode("v1", "Pod", message().message(2, message().message(2, message()
                .string(1, "app")
                .message(8, message()
                        .message(1, message().string(1, "cpu").message(2, message().string(1, "500m")))
                        .message(2, message().string(1, "memory").message(2, message()))))));

        assertThat(pod.at("/spec/containers/0/resources").toString())
                .isEqualTo("{\"limits\":{\"cpu\":\"500m\"},\"requests\":{\"memory\":\"0\"}}");
    }

    @Test
    void writesBytesAsBase64EvenWhenTheyAreNotText() {
        ObjectNode configMap = decode("v1", "ConfigMap", message()
                .message(3, message().string(1, "blob").bytes(2, new byte[] {0, (byte) 0xff, (byte) 0xfe})));

        assertThat(configMap.at("/binaryData/blob").textValue()).isEqualTo("AP/+");
    }

    @Test
    void givesAMapEntryWithoutValueTheZeroValue() {
        ObjectNode secret = decode("v1", "Secret", message().message(2, message().string(1, "empty")));

        assertThat(secret.get("data").toString()).isEqualTo("{\"empty\":\"\"}");
    }

    @Test
    void readsNegativeInt32sAndInt64sBeyondInt() {
        ObjectNode pod = decode("v1", "Pod", message().message(2, message()
                .varint(25, -1)                 // priority, sign-extended to ten bytes
                .varint(5, 1L << 40)));         // activeDeadlineSeconds

        assertThat(pod.at("/spec/priority").intValue()).isEqualTo(-1);
        assertThat(pod.at("/spec/activeDeadlineSeconds").isLong()).isTrue();
        assertThat(pod.at("/spec/activeDeadlineSeconds").longValue()).isEqualTo(1L << 40);
    }

    @Test
    void readsRepeatedNumbersPackedOrNot() {
        ProtoWriter packed = message().rawVarint(1000).rawVarint(2000);
        ObjectNode pod = decode("v1", "Pod", message().message(2, message().message(14, message()
                .varint(4, 5)
                .bytes(4, packed.toByteArray())
                .varint(4, 3000))));

        assertThat(pod.at("/spec/securityContext/supplementalGroups").toString()).isEqualTo("[5,1000,2000,3000]");
    }

    @Test
    void skipsFieldsTheSchemaDoesNotKnowWhateverTheirWireType() {
        ObjectNode configMap = decode("v1", "ConfigMap", message()
                .varint(99, 7)
                .message(1, message().string(1, "cm").fixed64(50, 1L).message(51, message().string(1, "x")))
                .fixed32(98, 1)
                .entry(2, "a", "b")
                .string(97, "newer field"));

        assertThat(configMap.toString()).isEqualTo(
                "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cm\"},\"data\":{\"a\":\"b\"}}");
    }

    @Test
    void letsTheLastScalarWinAndMergesARepeatedMessage() {
        ObjectNode configMap = decode("v1", "ConfigMap", message()
                .message(1, message().string(1, "first").string(3, "ns"))
                .message(1, message().string(1, "second")));

        assertThat(configMap.get("metadata").toString()).isEqualTo("{\"name\":\"second\",\"namespace\":\"ns\"}");
    }

    @Test
    void writesAuthorizationExtraValuesAsArrays() {
        ObjectNode review = decode("authorization.k8s.io/v1", "SubjectAccessReview", message().message(2, message()
                .string(3, "alice")
                .message(5, message().string(1, "scopes").message(2, message().string(1, "a").string(1, "b")))));

        assertThat(review.get("spec").toString()).isEqualTo("{\"user\":\"alice\",\"extra\":{\"scopes\":[\"a\",\"b\"]}}");
    }

    @Test
    void readsManagedFieldsWithTheirRawJson() {
        byte[] fields = "{\"f:data\":{\"f:a\":{}}}".getBytes(StandardCharsets.UTF_8);
        ObjectNode configMap = decode("v1", "ConfigMap", message().message(1, message().message(17, message()
                .string(1, "kubectl").string(2, "Update").string(3, "v1").string(6, "FieldsV1")
                .message(7, message().bytes(1, fields)))));

        assertThat(configMap.at("/metadata/managedFields/0").toString()).isEqualTo("{\"manager\":\"kubectl\","
                + "\"operation\":\"Update\",\"apiVersion\":\"v1\",\"fieldsType\":\"FieldsV1\","
                + "\"fieldsV1\":{\"f:data\":{\"f:a\":{}}}}");
    }

    @Test
    void readsAnEvictionWithItsDeleteOptions() {
        ObjectNode eviction = decode("policy/v1", "Eviction", message()
                .message(1, message().string(1, "p1").string(3, "default"))
                .message(2, message().varint(1, 30).message(2, message().string(1, "u-1")).string(5, "All")));

        assertThat(eviction.toString()).isEqualTo("{\"kind\":\"Eviction\",\"apiVersion\":\"policy/v1\","
                + "\"metadata\":{\"name\":\"p1\",\"namespace\":\"default\"},"
                + "\"deleteOptions\":{\"gracePeriodSeconds\":30,\"preconditions\":{\"uid\":\"u-1\"},\"dryRun\":[\"All\"]}}");
    }

    @Test
    void readsProbesWithTheirInlineHandler() {
        ProtoWriter probe = message()
                .message(1, message().message(2, message()
                        .string(1, "/healthz").message(2, message().varint(1, 1).string(3, "http"))))
                .varint(2, 5)
                .varint(3, 0);
        ObjectNode pod = decode("v1", "Pod", message().message(2, message()
                .message(2, message().string(1, "app").message(10, probe))));

        assertThat(pod.at("/spec/containers/0/livenessProbe").toString()).isEqualTo(
                "{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\"},\"initialDelaySeconds\":5}");
    }

    private static ObjectNode decode(String apiVersion, String kind, ProtoWriter object) {
        return ProtobufBodies.decode(body(apiVersion, kind, object));
    }
}
