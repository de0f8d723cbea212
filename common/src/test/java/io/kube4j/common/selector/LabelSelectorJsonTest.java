package io.kube4j.common.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorJsonTest {

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void combinesMatchLabelsAndEveryExpressionOperator() {
        LabelSelector selector = LabelSelector.fromJson(json("""
                {'matchLabels': {'app': 'web'},
                 'matchExpressions': [
                   {'key': 'tier', 'operator': 'In', 'values': ['fe', 'api']},
                   {'key': 'zone', 'operator': 'NotIn', 'values': ['z9']},
                   {'key': 'track', 'operator': 'Exists'},
                   {'key': 'canary', 'operator': 'DoesNotExist', 'values': []}]}
                """));
        assertThat(selector).hasToString("app=web,!canary,tier in (api,fe),track,zone notin (z9)");
        assertThat(selector).isEqualTo(LabelSelector.parse(selector.toString()));
        assertThat(selector.matches(Map.of("app", "web", "tier", "fe", "track", "1"))).isTrue();
        assertThat(selector.matches(Map.of("app", "web", "tier", "fe", "track", "1", "zone", "z9"))).isFalse();
        assertThat(selector.matches(Map.of("app", "web", "tier", "fe", "track", "1", "canary", ""))).isFalse();
        assertThat(selector.matches(Map.of("app", "web", "tier", "fe"))).isFalse();
        assertThat(selector.exactValue("app")).contains("web");
    }

    @Test
    void treatsNullMissingAndEmptySelectorsAsEverything() {
        assertThat(LabelSelector.fromJson(null).isEverything()).isTrue();
        assertThat(LabelSelector.fromJson(json("{}").path("selector")).isEverything()).isTrue();
        assertThat(LabelSelector.fromJson(json("null")).isEverything()).isTrue();
        assertThat(LabelSelector.fromJson(json("{}")).isEverything()).isTrue();
        assertThat(LabelSelector.fromJson(json("{'matchLabels': {}, 'matchExpressions': []}")).isEverything()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {'matchExpressions': [{'key': 'a', 'operator': 'Gt', 'values': ['1']}]} | "Gt" is not a valid label selector operator
            {'matchExpressions': [{'key': 'a', 'operator': 'In'}]}                  | values set can't be empty
            {'matchExpressions': [{'key': 'a', 'operator': 'Exists', 'values': ['x']}]} | values set must be empty
            {'matchExpressions': [{'operator': 'Exists'}]}                          | matchExpressions[0].key must be a string
            {'matchExpressions': {'key': 'a'}}                                      | matchExpressions must be an array
            {'matchLabels': {'a': 1}}                                               | matchLabels["a"] must be a string
            {'matchLabels': {'bad key': 'x'}}                                       | invalid label key "bad key"
            {'matchLabels': {'a': 'not valid'}}                                     | invalid label value: "not valid"
            ['app=web']                                                             | label selector must be an object
            """)
    void rejectsMalformedSelectorObjects(String selector, String message) {
        assertThatThrownBy(() -> LabelSelector.fromJson(json(selector)))
                .isInstanceOf(SelectorException.class)
                .hasMessageContaining(message);
    }
}
