package io.kube4j.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Test trees written with single quotes, so that JSON reads well inside Java strings. */
final class Trees {

    private Trees() {
    }

    static JsonNode tree(String singleQuoted) {
        return Json.parse(singleQuoted.replace('\'', '"'));
    }

    static ObjectNode obj(String singleQuoted) {
        return (ObjectNode) tree(singleQuoted);
    }

    static byte[] bytes(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode strategic(String original, String patch, String kind) {
        return Patches.apply(PatchType.STRATEGIC, obj(original), bytes(patch), kind);
    }

    /** No key anywhere in the tree starts with "$". */
    static void assertNoDirectives(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                assertThat(member.getKey()).as("a directive survived in %s", node).doesNotStartWith("$");
                assertNoDirectives(member.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(Trees::assertNoDirectives);
        }
    }
}
