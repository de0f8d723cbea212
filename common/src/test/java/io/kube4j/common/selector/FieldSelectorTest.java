package io.kube4j.common.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.common.selector.FieldSelector.Operator;
import io.kube4j.common.selector.FieldSelector.Requirement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

    /** A pod-like object: its fields as a lookup, "" when absent. */
    static Function<String, String> fields(String text) {
        Map<String, String> fields = LabelSelectorTest.labels(text);
        return field -> fields.getOrDefault(field, "");
    }

    @ParameterizedTest(name = "[{0}] on [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            status.phase=Running                          | status.phase=Running | true
            status.phase==Running                         | status.phase=Running | true
            status.phase=Running                          | status.phase=Pending | false
            status.phase!=Running                         | status.phase=Pending | true
            status.phase!=Running                         | status.phase=Running | false
            spec.nodeName=                                |                      | true
            spec.nodeName!=                               |                      | false
            spec.nodeName!=                               | spec.nodeName=n1     | true
            status.phase!=Succeeded,status.phase!=Failed  | status.phase=Running | true
            status.phase!=Succeeded,status.phase!=Failed  | status.phase=Failed  | false
            ' metadata.name = web , status.phase = Running ' | metadata.name=web;status.phase=Running | true
            ''                                            | anything=x           | true
            """)
    void evaluatesEqualityAndInequalityTerms(String selector, String fields, boolean expected) {
        assertThat(FieldSelector.parse(selector).matches(fields(fields))).isEqualTo(expected);
    }

    @Test
    void unescapesBackslashCommaAndEqualsInValuesAndEscapesThemBack() {
        FieldSelector selector = FieldSelector.parse("metadata.name=a\\,b\\=c\\\\d,reason!=x");
        assertThat(selector.requirements()).containsExactly(
                new Requirement("metadata.name", Operator.EQUALS, "a,b=c\\d"),
                new Requirement("reason", Operator.NOT_EQUALS, "x"));
        assertThat(selector).hasToString("metadata.name=a\\,b\\=c\\\\d,reason!=x");
        assertThat(FieldSelector.parse(selector.toString())).isEqualTo(selector);
        assertThat(selector.matches(Map.of("metadata.name", "a,b=c\\d", "reason", "y")::get)).isTrue();
    }

    @Test
    void acceptsAnEscapedExclamationMarkAsTheMarkItself() {
        assertThat(FieldSelector.parse("reason=a\\!b").exactValue("reason")).contains("a!b");
        assertThat(FieldSelector.parse("reason!=!b").requirements())
                .containsExactly(new Requirement("reason", Operator.NOT_EQUALS, "!b"));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            metadata.name            | can't understand 'metadata.name'
            a=b=c                    | unescaped character in value: =
            a=b\\x                   | invalid escape sequence: \\x
            a=b\\                    | invalid escape sequence: \\
            =x                       | empty field in '=x'
            a b=c                    | field "a b" contains
            """)
    void rejectsMalformedTerms(String selector, String message) {
        assertThatThrownBy(() -> FieldSelector.parse(selector))
                .isInstanceOf(SelectorException.class)
                .hasMessageContaining(message);
    }

    @Test
    void sortsTermsAndSkipsEmptyOnes() {
        FieldSelector selector = FieldSelector.parse("b=2,,a!=1,");
        assertThat(selector).hasToString("a!=1,b=2");
        assertThat(selector.requirements()).hasSize(2);
        assertThat(selector).isEqualTo(FieldSelector.parse("a!=1,b==2")).hasSameHashCodeAs(FieldSelector.parse("a!=1,b=2"));
    }

    @Test
    void reportsTheValueOnlyForFieldsPinnedWithEquals() {
        FieldSelector selector = FieldSelector.parse("spec.nodeName=n1,status.phase!=Failed");
        assertThat(selector.exactValue("spec.nodeName")).contains("n1");
        assertThat(selector.exactValue("status.phase")).isEmpty();
        assertThat(selector.exactValue("metadata.name")).isEmpty();
    }

    @Test
    void treatsNullAndBlankTextAsEverythingAndBuildsFromRequirements() {
        assertThat(FieldSelector.parse(null).isEverything()).isTrue();
        assertThat(FieldSelector.parse("  ")).isEqualTo(FieldSelector.everything()).hasToString("");
        FieldSelector built = FieldSelector.of(List.of(new Requirement("spec.nodeName", Operator.EQUALS, "n=1")));
        assertThat(built).hasToString("spec.nodeName=n\\=1");
        assertThat(built.matches(field -> null)).isFalse();
    }
}
