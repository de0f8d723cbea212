package io.kube4j.apiserver.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored form and the spliced wire form are byte for byte what encoding the tree gives. */
class StoredFormTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\",\"labels\":{\"a\":\"b\"}},"
                    + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"args\":[\"\\u00e9\\u0000\\\"x\"]}]},\"status\":{}}",
            "{\"metadata\":{}}",
            "{\"kind\":\"ConfigMap\",\"metadata\":{\"resourceVersion\":\"7\",\"name\":\"c\",\"annotations\":{\"resourceVersion\":\"x\"}},"
                    + "\"data\":{\"metadata\":\"{}\"},\"n\":1.5e3,\"big\":123456789012345678901234567890,\"t\":true,\"z\":null}",
            "{\"spec\":{\"metadata\":{\"x\":1}},\"metadata\":{\"name\":\"later\"},\"after\":[1,2,{\"k\":\"v\"}]}",
    })
    void matchesEncodingTheTree(String json) throws Exception {
        ObjectNode object = (ObjectNode) Json.parse(json.getBytes(StandardCharsets.UTF_8));
        StoredForm form = StoredForm.encode(object);

        ObjectNode stored = object.deepCopy();
        ((ObjectNode) stored.get("metadata")).remove("resourceVersion");
        assertThat(new String(form.bytes(), StandardCharsets.UTF_8)).isEqualTo(new String(Json.bytes(stored), StandardCharsets.UTF_8));

        ObjectCodec.setResourceVersion(stored, 12345);
        assertThat(new String(form.withResourceVersion(12345), StandardCharsets.UTF_8))
                .isEqualTo(new String(Json.bytes(stored), StandardCharsets.UTF_8));
        assertThat(object).isEqualTo(Json.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anObjectWithoutMetadataHasNoForm() throws Exception {
        assertThat(StoredForm.encode((ObjectNode) Json.parse("{\"kind\":\"X\"}".getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(StoredForm.encode((ObjectNode) Json.parse("{\"metadata\":[]}".getBytes(StandardCharsets.UTF_8)))).isNull();
    }
}
