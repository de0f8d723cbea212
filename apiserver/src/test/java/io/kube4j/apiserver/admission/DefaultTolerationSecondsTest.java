package io.kube4j.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultTolerationSecondsTest {

    @ParameterizedTest(name = "{0} → adds {1}")
    @CsvSource(delimiter = '|', value = {
            "[]                                                                   | not-ready,unreachable",
            "[{'key':'node.kubernetes.io/not-ready','operator':'Exists','effect':'NoExecute','tolerationSeconds':60}] | unreachable",
            "[{'key':'node.kubernetes.io/unreachable','operator':'Exists'}]       | not-ready",
            "[{'operator':'Exists'}]                                              | ''",
            "[{'key':'node.kubernetes.io/not-ready','effect':'NoSchedule'}]       | not-ready,unreachable",
            "[{'operator':'Exists','effect':'NoExecute'}]                         | ''",
    })
    void addsOnlyTheTolerationsAPodDoesNotAlreadyHave(String tolerations, String added) {
        ObjectNode spec = (ObjectNode) Json.parse("{\"tolerations\":" + tolerations.replace('\'', '"') + "}");
        int before = spec.path("tolerations").size();

        DefaultTolerationSeconds.addDefaults(spec);

        String expected = added.isEmpty() ? "" : "node.kubernetes.io/" + added.replace(",", ",node.kubernetes.io/");
        StringBuilder actual = new StringBuilder();
        for (int i = before; i < spec.path("tolerations").size(); i++) {
            ObjectNode t = (ObjectNode) spec.path("tolerations").get(i);
            assertThat(t.path("operator").asText()).isEqualTo("Exists");
            assertThat(t.path("effect").asText()).isEqualTo("NoExecute");
            assertThat(t.path("tolerationSeconds").asLong()).isEqualTo(300);
            actual.append(actual.length() == 0 ? "" : ",").append(t.path("key").asText());
        }
        assertThat(actual.toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"{}", "{'tolerations':null}"})
    void createsTheListWhenThePodHasNone(String spec) {
        ObjectNode node = (ObjectNode) Json.parse(spec.replace('\'', '"'));

        DefaultTolerationSeconds.addDefaults(node);

        assertThat(node.path("tolerations").findValuesAsText("key"))
                .containsExactly("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable");
    }
}
