package io.kube4j.common.selector;

import static io.kube4j.common.selector.LabelSelectorJsonTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectableFieldsTest {

    static final JsonNode POD = json("""
            {'kind': 'Pod', 'metadata': {'name': 'web-1', 'namespace': 'shop'},
             'spec': {'nodeName': 'n1', 'restartPolicy': 'Always', 'schedulerName': 'default-scheduler',
                      'serviceAccountName': 'web', 'hostNetwork': true},
             'status': {'phase': 'Running', 'podIP': '10.0.0.9', 'podIPs': [{'ip': '10.0.0.7'}]}}
            """);

    static final JsonNode EVENT = json("""
            {'kind': 'Event', 'metadata': {'name': 'web-1.17', 'namespace': 'shop'},
             'involvedObject': {'kind': 'Pod', 'namespace': 'shop', 'name': 'web-1', 'uid': 'u-1',
                                'apiVersion': 'v1', 'resourceVersion': '42', 'fieldPath': 'spec.containers{web}'},
             'reason': 'Scheduled', 'reportingComponent': 'kube4j-scheduler',
             'source': {'component': 'default-scheduler'}, 'type': 'Normal'}
            """);

    static String read(String group, String kind, String field, JsonNode object) {
        return SelectableFields.extractor(group, kind, field).orElseThrow().apply(object);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            metadata.name            | web-1
            metadata.namespace       | shop
            spec.nodeName            | n1
            spec.restartPolicy       | Always
            spec.schedulerName       | default-scheduler
            spec.serviceAccountName  | web
            spec.hostNetwork         | true
            status.phase             | Running
            status.podIP             | 10.0.0.7
            status.nominatedNodeName | ''
            """)
    void readsEveryPodField(String field, String expected) {
        assertThat(read("", "Pod", field, POD)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            involvedObject.kind            | Pod
            involvedObject.namespace       | shop
            involvedObject.name            | web-1
            involvedObject.uid             | u-1
            involvedObject.apiVersion      | v1
            involvedObject.resourceVersion | 42
            involvedObject.fieldPath       | spec.containers{web}
            reason                         | Scheduled
            reportingComponent             | kube4j-scheduler
            source                         | default-scheduler
            type                           | Normal
            """)
    void readsEveryEventField(String field, String expected) {
        assertThat(read("", "Event", field, EVENT)).isEqualTo(expected);
    }

    @Test
    void readsGoZeroValuesForAbsentBooleansAndCounters() {
        JsonNode bare = json("{'metadata': {'name': 'x'}}");
        assertThat(read("", "Node", "spec.unschedulable", bare)).isEqualTo("false");
        assertThat(read("", "Node", "spec.unschedulable", json("{'spec': {'unschedulable': true}}"))).isEqualTo("true");
        assertThat(read("", "Pod", "spec.hostNetwork", bare)).isEqualTo("false");
        assertThat(read("", "Pod", "status.podIP", json("{'status': {'podIP': '10.1.1.1'}}"))).isEqualTo("10.1.1.1");
        assertThat(read("", "ReplicationController", "status.replicas", bare)).isEqualTo("0");
        assertThat(read("apps", "ReplicaSet", "status.replicas", json("{'status': {'replicas': 3}}"))).isEqualTo("3");
        assertThat(read("batch", "Job", "status.successful", json("{'status': {'succeeded': 2}}"))).isEqualTo("2");
        assertThat(read("", "Secret", "type", json("{'type': 'kubernetes.io/tls'}"))).isEqualTo("kubernetes.io/tls");
        assertThat(read("", "Namespace", "status.phase", bare)).isEmpty();
        assertThat(read("", "Pod", "metadata.namespace", bare)).isEmpty();
    }

    @Test
    void offersOnlyMetadataFieldsOnKindsWithoutATable() {
        assertThat(SelectableFields.fields("", "ConfigMap")).containsExactly("metadata.name", "metadata.namespace");
        assertThat(SelectableFields.fields(null, "Node"))
                .containsExactly("metadata.name", "metadata.namespace", "spec.unschedulable");
        assertThat(SelectableFields.fields("", "Pod")).hasSize(10).contains("spec.nodeName", "status.phase");
        assertThat(SelectableFields.extractor("", "ConfigMap", "type")).isEmpty();
        assertThat(SelectableFields.extractor("apps", "Pod", "spec.nodeName")).isEmpty();
    }

    @Test
    void rejectsAnUnknownFieldWithTheKubernetesMessage() {
        assertThatThrownBy(() -> SelectableFields.validate("", "Pod",
                FieldSelector.parse("metadata.name=a,spec.foo=b")))
                .isInstanceOf(SelectorException.class)
                .hasMessage("field label not supported: spec.foo");
        assertThatThrownBy(() -> SelectableFields.matcher("", "ConfigMap", FieldSelector.parse("type=x")))
                .hasMessage("field label not supported: type");
        SelectableFields.validate("", "Event", FieldSelector.parse("involvedObject.name=web-1,type!=Warning"));
    }

    @Test
    void filtersObjectsWithAValidatedSelector() {
        JsonNode failed = json("{'metadata': {'name': 'old'}, 'spec': {'nodeName': 'n1'}, 'status': {'phase': 'Failed'}}");
        JsonNode elsewhere = json("{'metadata': {'name': 'far'}, 'spec': {'nodeName': 'n2'}}");
        Predicate<JsonNode> onNodeOne = SelectableFields.matcher("", "Pod",
                FieldSelector.parse("spec.nodeName=n1,status.phase!=Failed"));
        assertThat(List.of(POD, failed, elsewhere).stream().filter(onNodeOne)).containsExactly(POD);
        assertThat(SelectableFields.matcher("", "Pod", FieldSelector.everything()).test(elsewhere)).isTrue();
    }
}
