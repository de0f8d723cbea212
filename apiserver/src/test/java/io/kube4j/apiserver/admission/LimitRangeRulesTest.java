package io.kube4j.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitRangeRulesTest {

    static JsonNode range(String items) {
        return Json.parse(("{'limits':[" + items + "]}").replace('\'', '"'));
    }

    static ObjectNode spec(String resources) {
        return (ObjectNode) Json.parse(("{'containers':[{'name':'main','image':'i','resources':" + resources + "}]}")
                .replace('\'', '"'));
    }

    static JsonNode resources(ObjectNode spec) {
        return spec.path("containers").get(0).path("resources");
    }

    @Test
    void defaultsLimitsFromMaxAndRequestsFromTheDefaultLimitOrMin() {
        LimitRangeRules.Defaults defaults = LimitRangeRules.containerDefaults(range(
                "{'type':'Container','max':{'cpu':'2'},'min':{'memory':'64Mi'},'default':{'memory':'512Mi'}}"));

        assertThat(defaults.limits()).hasToString("{cpu=2, memory=512Mi}");
        // defaultRequest ← default (which wins over min) ← max
        assertThat(defaults.requests()).hasToString("{cpu=2, memory=512Mi}");
    }

    @Test
    void fillsInOnlyWhatAContainerLeavesOutAndSaysWhatItSet() {
        ObjectNode spec = spec("{'limits':{'memory':'1Gi'}}");
        LimitRangeRules.Defaults defaults = LimitRangeRules.containerDefaults(range(
                "{'type':'Container','default':{'cpu':'500m','memory':'256Mi'},'defaultRequest':{'cpu':'100m','memory':'128Mi'}}"));

        List<String> notes = LimitRangeRules.applyDefaults(spec, defaults);

        assertThat(resources(spec).path("limits").toString()).isEqualTo("{\"memory\":\"1Gi\",\"cpu\":\"500m\"}");
        // the memory request follows the limit the user set, as pod defaulting does
        assertThat(resources(spec).path("requests").toString()).isEqualTo("{\"cpu\":\"100m\",\"memory\":\"1Gi\"}");
        assertThat(notes).containsExactly("cpu, memory request for container main", "cpu limit for container main");
    }

    @Test
    void leavesAPodAloneWhenNoItemIsAContainerItem() {
        ObjectNode spec = spec("{}");

        List<String> notes = LimitRangeRules.applyDefaults(spec, LimitRangeRules.containerDefaults(range(
                "{'type':'Pod','max':{'cpu':'2'}}")));

        assertThat(notes).isEmpty();
        assertThat(resources(spec).toString()).isEqualTo("{}");
    }

    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource(delimiter = '|', value = {
            "{'requests':{'cpu':'500m'},'limits':{'cpu':'1'}}  | {'type':'Container','max':{'cpu':'1'},'min':{'cpu':'100m'}} | ''",
            "{'requests':{'cpu':'500m'},'limits':{'cpu':'2'}}  | {'type':'Container','max':{'cpu':'1'}} | maximum cpu usage per Container is 1, but limit is 2",
            "{'requests':{'cpu':'500m'}}                       | {'type':'Container','max':{'cpu':'1'}} | maximum cpu usage per Container is 1.  No limit is specified",
            "{'limits':{'memory':'64Mi'}}                      | {'type':'Container','min':{'memory':'128Mi'}} | minimum memory usage per Container is 128Mi.  No request is specified",
            "{'requests':{'memory':'64Mi'}}                    | {'type':'Container','min':{'memory':'128Mi'}} | minimum memory usage per Container is 128Mi, but request is 64Mi",
            // 2 / 500m = 4 > 2
            "{'requests':{'cpu':'500m'},'limits':{'cpu':'2'}}  | {'type':'Container','maxLimitRequestRatio':{'cpu':'2'}} | cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000",
    })
    void reportsTheBoundsAPodBreaksInKubernetesWords(String containerResources, String item, String expected) {
        List<String> violations = LimitRangeRules.violations(range(item), spec(containerResources));

        assertThat(violations).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected));
    }

    @Test
    void boundsAPodByTheSumOfItsContainers() {
        JsonNode spec = Json.parse(("{'containers':[{'name':'a','resources':{'limits':{'cpu':'600m'}}},"
                + "{'name':'b','resources':{'limits':{'cpu':'600m'}}}]}").replace('\'', '"'));

        // 600m + 600m = 1200m > 1
        assertThat(LimitRangeRules.violations(range("{'type':'Pod','max':{'cpu':'1'}}"), spec))
                .containsExactly("maximum cpu usage per Pod is 1, but limit is 1200m");
    }

    @Test
    void takesTheLargestInitContainerWhenItNeedsMoreThanTheSumOfTheOthers() {
        JsonNode spec = Json.parse(("{'initContainers':[{'name':'init','resources':{'requests':{'memory':'1Gi'}}}],"
                + "'containers':[{'name':'a','resources':{'requests':{'memory':'256Mi'}}},"
                + "{'name':'b','resources':{'requests':{'memory':'256Mi'}}}]}").replace('\'', '"'));

        // max(256Mi + 256Mi, 1Gi) = 1Gi
        assertThat(LimitRangeRules.podTotal(spec, "requests")).hasToString("{memory=1Gi}");
    }
}
