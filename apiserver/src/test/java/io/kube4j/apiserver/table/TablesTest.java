package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.TestObjects.NOW;
import static io.kube4j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {

    private static final ResourceTypes TYPES = ResourceTypes.standard();

    private static final ObjectNode POD = json("""
            {kind: 'Pod', apiVersion: 'v1',
             metadata: {name: 'web-1', namespace: 'shop', labels: {app: 'web'}, resourceVersion: '41',
                        creationTimestamp: '2025-06-01T11:59:30Z'},
             spec: {nodeName: 'n1', containers: [{name: 'web', image: 'nginx'}]},
             status: {phase: 'Running', podIP: '10.244.0.7', podIPs: [{ip: '10.244.0.7'}],
                      containerStatuses: [{name: 'web', ready: true, restartCount: 0, state: {running: {}}}]}}
            """);

    private static ResourceType type(String group, String plural) {
        return TYPES.all().stream().filter(t -> t.group().equals(group) && t.plural().equals(plural)).findFirst().orElseThrow();
    }

    @Test
    void podListTableHasKubectlsColumnsAndPartialObjectMetadataRows() {
        ObjectNode table = Tables.table(type("", "pods"), List.of(POD), 42, null, false, NOW);

        assertSameJson(table, json("""
                {kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {resourceVersion: '42'},
                 columnDefinitions: [
                  {name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0},
                  {name: 'Ready', type: 'string', format: '', description: 'The aggregate readiness state of this pod for accepting traffic.', priority: 0},
                  {name: 'Status', type: 'string', format: '', description: 'The aggregate status of the containers in this pod.', priority: 0},
                  {name: 'Restarts', type: 'integer', format: '', description: 'The number of times the containers in this pod have been restarted.', priority: 0},
                  {name: 'Age', type: 'string', format: '', description: 'Time since the object was created (metadata.creationTimestamp).', priority: 0},
                  {name: 'IP', type: 'string', format: '', description: 'IP address allocated to the pod.', priority: 1},
                  {name: 'Node', type: 'string', format: '', description: 'Name of the node the pod is assigned to.', priority: 1},
                  {name: 'Nominated Node', type: 'string', format: '', description: 'Name of the node where the pod is nominated to run.', priority: 1},
                  {name: 'Readiness Gates', type: 'string', format: '', description: 'Pod readiness gates and how many of them are true.', priority: 1}],
                 rows: [{cells: ['web-1', '1/1', 'Running', 0, '30s', '10.244.0.7', 'n1', '<none>', '<none>'],
                         object: {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1',
                                  metadata: {name: 'web-1', namespace: 'shop', labels: {app: 'web'}, resourceVersion: '41',
                                             creationTimestamp: '2025-06-01T11:59:30Z'}}}]}
                """));
    }

    @Test
    void includeObjectPutsTheFullObjectInTheRowAndContinueIsKept() {
        ObjectNode table = Tables.table(type("", "pods"), List.of(POD), 42, "c-token", true, NOW);

        assertThat(table.at("/rows/0/object")).isEqualTo(POD);
        assertThat(table.at("/metadata/continue").asText()).isEqualTo("c-token");
    }

    @Test
    void watchEventsAfterTheFirstCarryRowsWithoutColumns() {
        ObjectNode event = Tables.table(type("", "pods"), List.of(POD), 41, null, false, false, NOW);

        assertThat(event.get("columnDefinitions")).isEmpty();
        assertThat(event.get("rows")).hasSize(1);
        assertThat(Tables.row(type("", "pods"), POD, false, NOW)).isEqualTo(event.at("/rows/0"));
    }

    @Test
    void everyRowHasOneCellPerColumnForEveryServedResource() {
        ObjectNode empty = json("{metadata: {name: 'x'}}");
        for (ResourceType type : TYPES.all()) {
            ObjectNode table = Tables.table(type, List.of(empty), 1, "", false, NOW);

            assertThat(table.at("/rows/0/cells")).as(type.groupResource()).hasSameSizeAs(table.get("columnDefinitions"));
            assertThat(table.at("/columnDefinitions").findValuesAsText("format")).as(type.groupResource()).containsOnlyOnce("name");
        }
    }

    @Test
    void kindsWithoutAPrinterShowNameAndAge() {
        ObjectNode role = json("{metadata: {name: 'reader', creationTimestamp: '2025-06-01T11:00:00Z'}}");

        ObjectNode table = Tables.table(type("rbac.authorization.k8s.io", "roles"), List.of(role), 7, null, false, NOW);

        assertThat(names(table)).containsExactly("Name", "Age");
        assertThat(table.at("/rows/0/cells")).isEqualTo(json("{c: ['reader', '60m']}").get("c"));
    }

    @Test
    void eventsLeadWithLastSeenAndShowTheObjectAsKindSlashName() {
        ObjectNode event = json("""
                {metadata: {name: 'web-1.17f', namespace: 'shop'}, type: 'Normal', reason: 'Scheduled',
                 message: 'Successfully assigned shop/web-1 to n1 ', involvedObject: {kind: 'Pod', name: 'web-1'},
                 source: {component: 'default-scheduler'}, firstTimestamp: '2025-06-01T11:58:00Z',
                 lastTimestamp: '2025-06-01T11:59:00Z', count: 2}
                """);

        ObjectNode table = Tables.table(type("", "events"), List.of(event), 9, null, false, NOW);

        assertThat(names(table)).containsExactly("Last Seen", "Type", "Reason", "Object", "Subobject", "Source",
                "Message", "First Seen", "Count", "Name");
        assertSameJson(table.at("/rows/0/cells"), json("""
                {c: ['60s', 'Normal', 'Scheduled', 'pod/web-1', '', 'default-scheduler',
                     'Successfully assigned shop/web-1 to n1', '2m', 2, 'web-1.17f']}
                """).get("c"));
    }

    @Test
    void smallKindsCountTheirEntries() {
        ObjectNode configMap = json("{metadata: {name: 'cfg'}, data: {a: '1', b: '2'}, binaryData: {c: 'AA=='}}");
        ObjectNode secret = json("{metadata: {name: 's'}, type: 'Opaque', data: {token: 'eA=='}}");
        ObjectNode endpoints = json("""
                {metadata: {name: 'web'}, subsets: [{addresses: [{ip: '10.0.0.1'}, {ip: '10.0.0.2'}, {ip: '10.0.0.3'}, {ip: '10.0.0.4'}],
                                                     ports: [{port: 80}]}]}
                """);

        assertThat(cells("configmaps", configMap)).containsExactly("cfg", 3L, "<unknown>");
        assertThat(cells("secrets", secret)).containsExactly("s", "Opaque", 1L, "<unknown>");
        assertThat(cells("endpoints", endpoints))
                .containsExactly("web", "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...", "<unknown>");
    }

    /** Compares the wire form: the printers' longs and the parsed expectation's ints encode alike. */
    private static void assertSameJson(JsonNode actual, JsonNode expected) {
        assertThat(actual.toString()).isEqualTo(expected.toString());
    }

    private static List<Object> cells(String plural, ObjectNode object) {
        return Printers.forResource(plural).cells(object, NOW);
    }

    private static List<String> names(ObjectNode table) {
        List<String> names = new ArrayList<>();
        for (JsonNode column : table.get("columnDefinitions")) {
            names.add(column.get("name").asText());
        }
        return names;
    }
}
