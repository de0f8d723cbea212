package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.TestObjects.NOW;
import static io.kube4j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadPrintersTest {

    private static final String TEMPLATE = """
            template: {spec: {containers: [{name: 'web', image: 'nginx:1.27'}, {name: 'log', image: 'busybox'}]}}
            """;

    @ParameterizedTest(name = "spec.replicas={0}, ready={1} reads {2}")
    @CsvSource(delimiter = '|', textBlock = """
            3    | 2    | 2/3
            0    | 0    | 0/0
            null | 1    | 1/1
            2    | null | 0/2
            """)
    void deploymentReadyIsReadyReplicasOverDesired(String replicas, String ready, String expected) {
        // an unset spec.replicas is the API default, 1
        var deployment = json("{spec: {replicas: " + replicas + "}, status: {readyReplicas: " + ready + "}}");

        assertThat(DeploymentPrinter.ready(deployment)).isEqualTo(expected);
    }

    @Test
    void printsADeploymentWithContainersImagesAndSelector() {
        var deployment = json("""
                {metadata: {name: 'web', creationTimestamp: '2025-06-01T09:00:00Z'},
                 spec: {replicas: 3, selector: {matchLabels: {app: 'web'}}, %s},
                 status: {replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2}}
                """.formatted(TEMPLATE));

        assertThat(new DeploymentPrinter().cells(deployment, NOW))
                .containsExactly("web", "2/3", 3L, 2L, "3h", "web,log", "nginx:1.27,busybox", "app=web");
    }

    @Test
    void printsReplicaSetsAndReplicationControllers() {
        var replicaSet = json("""
                {metadata: {name: 'web-5d4f'}, spec: {replicas: 2, selector: {matchLabels: {app: 'web'}, matchExpressions:
                 [{key: 'tier', operator: 'In', values: ['b', 'a']}]}, %s}, status: {replicas: 2, readyReplicas: 1}}
                """.formatted(TEMPLATE));
        var controller = json("""
                {metadata: {name: 'old'}, spec: {replicas: 1, selector: {app: 'old'}, %s}, status: {replicas: 1}}
                """.formatted(TEMPLATE));

        assertThat(ReplicaSetPrinter.replicaSets().cells(replicaSet, NOW))
                .containsExactly("web-5d4f", 2L, 2L, 1L, "<unknown>", "web,log", "nginx:1.27,busybox", "app=web,tier in (a,b)");
        assertThat(ReplicaSetPrinter.replicationControllers().cells(controller, NOW))
                .containsExactly("old", 1L, 1L, 0L, "<unknown>", "web,log", "nginx:1.27,busybox", "app=old");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {spec: {completions: 3}, status: {succeeded: 1, startTime: "2025-06-01T11:59:00Z"}}                                               | Running  | 1/3          | 60s
            {spec: {completions: 1}, status: {succeeded: 1, startTime: "2025-06-01T11:00:00Z", completionTime: "2025-06-01T11:00:42Z", conditions: [{type: "Complete", status: "True"}]}} | Complete | 1/1 | 42s
            {spec: {parallelism: 4}, status: {conditions: [{type: "Failed", status: "True"}]}}                                                 | Failed   | 0/1 of 4     | ''
            {spec: {}, status: {}}                                                                                                             | Running  | 0/1          | ''
            """)
    void jobStatusCompletionsAndDuration(String job, String status, String completions, String duration) {
        var cells = new JobPrinter().cells(json(job), NOW);

        assertThat(cells.subList(1, 4)).containsExactly(status, completions, duration);
    }
}
