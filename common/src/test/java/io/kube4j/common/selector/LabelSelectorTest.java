package io.kube4j.common.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.selector.LabelSelector.Operator;
import io.kube4j.common.selector.LabelSelector.Requirement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

    /** "a=1;b=2" as a label map; null or "" is no labels. */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split(";")) {
                String[] kv = pair.split("=", 2);
                labels.put(kv[0], kv[1]);
            }
        }
        return labels;
    }

    @ParameterizedTest(name = "[{0}] on [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            env=prod                               | env=prod                      | true
            env=prod                               | env=dev                       | false
            env=prod                               |                               | false
            env==prod                              | env=prod                      | true
            env!=prod                              | env=dev                       | true
            env!=prod                              | env=prod                      | false
            env!=prod                              |                               | true
            env in (prod,staging)                  | env=staging                   | true
            env in (prod,staging)                  | env=dev                       | false
            env in (prod,staging)                  |                               | false
            env notin (prod,staging)               | env=dev                       | true
            env notin (prod,staging)               | env=prod                      | false
            env notin (prod)                       |                               | true
            env                                    | env=x                         | true
            env                                    | other=x                       | false
            !env                                   | other=x                       | true
            !env                                   | env=                          | false
            replicas>3                             | replicas=4                    | true
            replicas>3                             | replicas=3                    | false
            replicas<3                             | replicas=-1                   | true
            replicas<3                             | replicas=two                  | false
            replicas>3                             |                               | false
            env=                                   | env=                          | true
            env=                                   | env=x                         | false
            env=prod,tier=web                      | env=prod;tier=web             | true
            env=prod,tier=web                      | env=prod;tier=db              | false
            ' env = prod , !canary , tier in ( web , api ) ' | env=prod;tier=api    | true
            env=prod,!canary,tier in (web,api)     | env=prod;tier=api;canary=yes  | false
            example.com/team=a-b_c.d               | example.com/team=a-b_c.d      | true
            ''                                     | anything=x                    | true
            """)
    void evaluatesEveryOperatorOnALabelMap(String selector, String labels, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(labels(labels))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            env in prod           | unable to parse requirement: found 'prod', expected: '('
            env in (a,b           | unable to parse requirement: found '', expected: ',' or ')'
            env in (a b)          | unable to parse requirement: found 'b', expected: ',' or ')'
            env in (a,b))         | found ')', expected: ',' or 'end of string'
            (env)                 | found '(', expected: !, identifier, or 'end of string'
            =prod                 | found '=', expected: !, identifier, or 'end of string'
            ',env'                | found ',', expected: !, identifier, or 'end of string'
            'env=prod,'           | found '', expected: identifier after ','
            env=prod tier=web     | found 'tier', expected: ',' or 'end of string'
            env=(prod)            | unable to parse requirement: found '(', expected: identifier
            env ~ prod            | found '~', expected: in, notin, =, ==, !=, gt, lt
            !env=x                | found '=', expected: ',' or 'end of string'
            !                     | unable to parse requirement: found '', expected: identifier
            -env=x                | invalid label key "-env"
            Example.com/x=y       | prefix part a lowercase RFC 1123 subdomain
            /name=x               | prefix part must be non-empty
            a/b/c=d               | invalid label key "a/b/c"
            env=va$ue             | invalid label value: "va$ue": at key: "env"
            count>many            | the value must be an integer
            """)
    void rejectsInvalidSyntaxWithKubernetesMessages(String selector, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOf(SelectorException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsValuesAndNamesLongerThanSixtyThreeCharacters() {
        String sixtyThree = "v".repeat(63);
        assertThat(LabelSelector.parse("k=" + sixtyThree).exactValue("k")).contains(sixtyThree);
        assertThatThrownBy(() -> LabelSelector.parse("k=" + sixtyThree + "v"))
                .hasMessageContaining("must be no more than 63 characters");
        assertThatThrownBy(() -> LabelSelector.parse(sixtyThree + "k=v"))
                .hasMessageContaining("name part must be no more than 63 characters");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            b=2,a=1                              | a=1,b=2
            env==prod                            | env=prod
            env in (b,a,b)                       | env in (a,b)
            ' !canary , tier notin ( z , y ) '   | !canary,tier notin (y,z)
            x>3,x<10                             | x<10,x>3
            env in ()                            | env in ()
            env in (,a)                          | env in (,a)
            env=                                 | env=
            in in (notin,in)                     | in in (in,notin)
            """)
    void rendersTheCanonicalFormThatParsesBackToAnEqualSelector(String text, String canonical) {
        LabelSelector selector = LabelSelector.parse(text);
        assertThat(selector).hasToString(canonical);
        assertThat(LabelSelector.parse(selector.toString())).isEqualTo(selector).hasSameHashCodeAs(selector);
    }

    @Test
    void exposesRequirementsAsValues() {
        assertThat(LabelSelector.parse("tier in (web,api), !canary").requirements()).containsExactly(
                new Requirement("canary", Operator.DOES_NOT_EXIST, List.of()),
                new Requirement("tier", Operator.IN, List.of("api", "web")));
    }

    @Test
    void reportsTheValueOnlyForKeysPinnedToOneValue() {
        LabelSelector selector = LabelSelector.parse("env=prod,tier in (web),zone in (a,b),team!=x");
        assertThat(selector.exactValue("env")).contains("prod");
        assertThat(selector.exactValue("tier")).contains("web");
        assertThat(selector.exactValue("zone")).isEmpty();
        assertThat(selector.exactValue("team")).isEmpty();
        assertThat(selector.exactValue("absent")).isEmpty();
    }

    @Test
    void treatsNullAndBlankTextAsEverything() {
        for (String text : new String[] {null, "", "   \t"}) {
            LabelSelector selector = LabelSelector.parse(text);
            assertThat(selector.isEverything()).isTrue();
            assertThat(selector.matches((Map<String, String>) null)).isTrue();
            assertThat(selector).hasToString("").isEqualTo(LabelSelector.everything());
        }
        assertThat(LabelSelector.parse("a").isEverything()).isFalse();
    }

    @Test
    void matchesTheLabelsNodeOfAnObject() throws Exception {
        var pod = Json.MAPPER.readTree("{\"metadata\":{\"labels\":{\"app\":\"web\",\"tier\":\"fe\"}}}");
        LabelSelector selector = LabelSelector.parse("app=web,tier");
        assertThat(selector.matches(pod.path("metadata").path("labels"))).isTrue();
        assertThat(selector.matches(pod.path("metadata").path("annotations"))).isFalse();
        assertThat(LabelSelector.parse("!app").matches((JsonNode) null)).isTrue();
    }

    @Test
    void buildsSelectorsFromAPlainLabelMapAndFromRequirements() {
        LabelSelector fromMap = LabelSelector.fromLabels(Map.of("b", "2", "a", "1"));
        assertThat(fromMap).hasToString("a=1,b=2").isEqualTo(LabelSelector.parse("a==1,b=2"));
        LabelSelector built = LabelSelector.of(List.of(new Requirement("n", Operator.GREATER_THAN, List.of("5"))));
        assertThat(built.matches(Map.of("n", "6"))).isTrue();
        assertThat(LabelSelector.fromLabels(Map.of()).isEverything()).isTrue();
    }

    @Test
    void requirementRejectsAValueCountTheOperatorCannotTake() {
        assertThatThrownBy(() -> new Requirement("k", Operator.EQUALS, List.of("a", "b")))
                .isInstanceOf(SelectorException.class).hasMessageContaining("one single value");
        assertThatThrownBy(() -> new Requirement("k", Operator.IN, List.of()))
                .hasMessageContaining("values set can't be empty");
        assertThatThrownBy(() -> new Requirement("k", Operator.EXISTS, List.of("a")))
                .hasMessageContaining("values set must be empty");
        assertThatThrownBy(() -> new Requirement("", Operator.EXISTS, List.of()))
                .hasMessageContaining("invalid label key \"\"");
    }
}
