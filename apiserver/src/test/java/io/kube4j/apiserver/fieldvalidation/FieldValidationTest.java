package io.kube4j.apiserver.fieldvalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldValidationTest {

    static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labelz":{"a":"b"}},
             "spec":{"foo":1,"containers":[{"name":"main","imagee":"nginx","image":"nginx",
               "ports":[{"containerPort":80,"hostport":1}],"securityContext":{"anything":true}}]},
             "status":{"whatever":1}}""";

    static ObjectNode pod() {
        return (ObjectNode) Json.parse(POD);
    }

    @Test
    void strictRefusesNamingEveryUnknownFieldAsKubernetesDoes() {
        assertThatThrownBy(() -> FieldValidation.check(FieldValidation.Mode.STRICT, pod(), "Pod", "v1", bytes(POD), false, w -> { }))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.status().message()).isEqualTo("Pod in version \"v1\" cannot be handled as a Pod: strict decoding"
                            + " error: unknown field \"metadata.labelz\", unknown field \"spec.foo\","
                            + " unknown field \"spec.containers[0].imagee\", unknown field \"spec.containers[0].ports[0].hostport\"");
                });
    }

    @Test
    void warnReportsAndDropsUnknownFieldsButKeepsOpenParts() {
        ObjectNode pod = pod();
        List<String> warnings = new ArrayList<>();

        FieldValidation.check(FieldValidation.Mode.WARN, pod, "Pod", "v1", bytes(POD), false, warnings::add);

        assertThat(warnings).contains("unknown field \"spec.foo\"", "unknown field \"spec.containers[0].imagee\"");
        assertThat(pod.path("spec").has("foo")).isFalse();
        assertThat(pod.at("/spec/containers/0/securityContext/anything").asBoolean()).isTrue();
        assertThat(pod.at("/status/whatever").asInt()).isEqualTo(1);
    }

    @Test
    void ignoreDropsSilently() {
        ObjectNode pod = pod();
        List<String> warnings = new ArrayList<>();

        FieldValidation.check(FieldValidation.Mode.IGNORE, pod, "Pod", "v1", bytes(POD), false, warnings::add);

        assertThat(warnings).isEmpty();
        assertThat(pod.path("spec").has("foo")).isFalse();
    }

    @Test
    void aFieldGivenTwiceIsADuplicate() {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"name\":\"b\"}}";

        assertThatThrownBy(() -> FieldValidation.check(FieldValidation.Mode.STRICT, (ObjectNode) Json.parse(body), "ConfigMap",
                "v1", bytes(body), false, w -> { }))
                .hasMessageContaining("strict decoding error: duplicate field \"metadata.name\"");
    }

    @Test
    void aDuplicateInYamlIsFoundToo() {
        assertThat(FieldValidation.duplicate(bytes("data:\n  a: 1\n  a: 2\n"), true)).isEqualTo("data.a");
    }

    @Test
    void kindsNotDescribedAcceptAnyField() {
        ObjectNode role = (ObjectNode) Json.parse("{\"kind\":\"Role\",\"rules\":[{\"verbs\":[\"get\"]}],\"extra\":1}");

        FieldValidation.check(FieldValidation.Mode.STRICT, role, "Role", "rbac.authorization.k8s.io/v1", null, false, w -> { });

        assertThat(role.has("extra")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"strict", "Fail", "warn"})
    void anUnknownModeIsABadRequest(String mode) {
        assertThatThrownBy(() -> FieldValidation.mode(mode)).isInstanceOfSatisfying(StatusException.class,
                e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void noModeMeansWarn() {
        assertThat(FieldValidation.mode(null)).isEqualTo(FieldValidation.Mode.WARN);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
