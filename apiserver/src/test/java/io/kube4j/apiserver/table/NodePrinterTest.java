package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.TestObjects.NOW;
import static io.kube4j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodePrinterTest {

    @ParameterizedTest(name = "Ready={0}, unschedulable={1} reads {2}")
    @CsvSource(delimiter = '|', textBlock = """
            True    | false | Ready
            False   | false | NotReady
            Unknown | false | NotReady
            ''      | false | Unknown
            True    | true  | Ready,SchedulingDisabled
            False   | true  | NotReady,SchedulingDisabled
            ''      | true  | Unknown,SchedulingDisabled
            """)
    void statusComesFromTheReadyConditionAndCordoning(String ready, boolean unschedulable, String expected) {
        String conditions = ready.isEmpty() ? "[]"
                : "[{type: 'MemoryPressure', status: 'False'}, {type: 'Ready', status: '" + ready + "'}]";
        var node = json("{spec: {unschedulable: " + unschedulable + "}, status: {conditions: " + conditions + "}}");

        assertThat(NodePrinter.status(node)).isEqualTo(expected);
    }

    @Test
    void rolesComeFromNodeRoleLabelsSorted() {
        var node = json("""
                {metadata: {labels: {'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '',
                                     'kubernetes.io/hostname': 'n1'}}}
                """);

        assertThat(NodePrinter.roles(node)).isEqualTo("control-plane,worker");
        assertThat(NodePrinter.roles(json("{metadata: {labels: {a: 'b'}}}"))).isEqualTo("<none>");
    }

    @Test
    void printsEveryColumnIncludingWideOnes() {
        var node = json("""
                {metadata: {name: 'n1', creationTimestamp: '2025-05-31T12:00:00Z'},
                 status: {conditions: [{type: 'Ready', status: 'True'}],
                          addresses: [{type: 'Hostname', address: 'n1'}, {type: 'InternalIP', address: '10.0.0.5'}],
                          nodeInfo: {kubeletVersion: 'v1.32.0-kube4j', osImage: 'Ubuntu 24.04', kernelVersion: '6.8.0',
                                     containerRuntimeVersion: 'containerd://2.0.0'}}}
                """);

        assertThat(new NodePrinter().cells(node, NOW)).containsExactly(
                "n1", "Ready", "<none>", "24h", "v1.32.0-kube4j", "10.0.0.5", "<none>",
                "Ubuntu 24.04", "6.8.0", "containerd://2.0.0");
    }
}
