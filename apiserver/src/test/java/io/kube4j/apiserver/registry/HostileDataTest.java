package io.kube4j.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the fuzz run (deploy FuzzIT) found: data keys that are patch directives, forged continue tokens. */
class HostileDataTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"$patch", "$x", "bad key!", "a/b", ""})
    void refusesConfigMapAndSecretDataKeysThatAreNotFileNames(String key) {
        ObjectNode configMap = (ObjectNode) Json.parse("{\"metadata\":{\"name\":\"c\"}}");
        configMap.putObject("data").put(key, "eA==");
        ObjectNode secret = configMap.deepCopy();

        assertThat(Strategies.CONFIG_MAP.validateCreate(configMap)).extracting(c -> c.field()).containsExactly("data[" + key + "]");
        assertThat(Strategies.SECRET.validateCreate(secret)).extracting(c -> c.field()).contains("data[" + key + "]");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"{\"data\":{\"a\":1}}", "{\"data\":[\"a\"]}", "{\"binaryData\":{\"a\":\"not base64!\"}}"})
    void refusesConfigMapValuesOfTheWrongType(String body) {
        assertThat(Strategies.CONFIG_MAP.validateCreate((ObjectNode) Json.parse(body))).isNotEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"{\"v\":\"meta.k8s.io/v1\",\"rv\":1e99,\"start\":\"a\"}", "{\"v\":\"meta.k8s.io/v1\",\"rv\":\"5\",\"start\":\"a\"}",
            "{\"v\":\"meta.k8s.io/v1\",\"rv\":1.5,\"start\":\"a\"}", "{\"v\":\"meta.k8s.io/v1\",\"rv\":99999999999999999999,\"start\":\"a\"}"})
    void refusesContinueTokensWhoseRevisionIsNotAnIntegerTheServerCouldHaveWritten(String json) {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ContinueToken.decode(token, "/registry/core/configmaps/"))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
