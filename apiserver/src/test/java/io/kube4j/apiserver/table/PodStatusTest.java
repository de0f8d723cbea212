package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodStatusTest {

    private static final String TWO_CONTAINERS = "spec: {containers: [{name: 'a'}, {name: 'b'}]}";

    static Stream<Arguments> pods() {
        return Stream.of(
                Arguments.of("running and ready", """
                        {%s, status: {phase: 'Running', containerStatuses: [
                          {name: 'a', ready: true, restartCount: 1, state: {running: {}}},
                          {name: 'b', ready: true, restartCount: 2, state: {running: {}}}]}}
                        """.formatted(TWO_CONTAINERS), "2/2 Running 3"),
                Arguments.of("pending, no status yet", """
                        {%s, status: {phase: 'Pending'}}
                        """.formatted(TWO_CONTAINERS), "0/2 Pending 0"),
                Arguments.of("creating containers", """
                        {%s, status: {phase: 'Pending', containerStatuses: [
                          {name: 'a', ready: false, restartCount: 0, state: {waiting: {reason: 'ContainerCreating'}}},
                          {name: 'b', ready: false, restartCount: 0, state: {waiting: {reason: 'ContainerCreating'}}}]}}
                        """.formatted(TWO_CONTAINERS), "0/2 ContainerCreating 0"),
                Arguments.of("one container crash-looping", """
                        {%s, status: {phase: 'Running', containerStatuses: [
                          {name: 'a', ready: false, restartCount: 5, state: {waiting: {reason: 'CrashLoopBackOff'}}},
                          {name: 'b', ready: true, restartCount: 0, state: {running: {}}}]}}
                        """.formatted(TWO_CONTAINERS), "1/2 CrashLoopBackOff 5"),
                Arguments.of("completed", """
                        {spec: {containers: [{name: 'a'}]}, status: {phase: 'Succeeded', containerStatuses: [
                          {name: 'a', ready: false, state: {terminated: {exitCode: 0, reason: 'Completed'}}}]}}
                        """, "0/1 Completed 0"),
                Arguments.of("failed without a reason: exit code", """
                        {spec: {containers: [{name: 'a'}]}, status: {phase: 'Failed', containerStatuses: [
                          {name: 'a', state: {terminated: {exitCode: 3}}}]}}
                        """, "0/1 ExitCode:3 0"),
                Arguments.of("killed by a signal", """
                        {spec: {containers: [{name: 'a'}]}, status: {phase: 'Failed', containerStatuses: [
                          {name: 'a', state: {terminated: {exitCode: 137, signal: 9}}}]}}
                        """, "0/1 Signal:9 0"),
                Arguments.of("terminating", """
                        {metadata: {deletionTimestamp: '2025-06-01T11:59:00Z'}, spec: {containers: [{name: 'a'}]},
                         status: {phase: 'Running', containerStatuses: [{name: 'a', ready: true, state: {running: {}}}]}}
                        """, "1/1 Terminating 0"),
                Arguments.of("deleted after it succeeded keeps its reason", """
                        {metadata: {deletionTimestamp: '2025-06-01T11:59:00Z'}, spec: {containers: [{name: 'a'}]},
                         status: {phase: 'Succeeded', containerStatuses: [{name: 'a', state: {terminated: {exitCode: 0, reason: 'Completed'}}}]}}
                        """, "0/1 Completed 0"),
                Arguments.of("first of one init container running", """
                        {spec: {initContainers: [{name: 'init'}], containers: [{name: 'a'}]},
                         status: {phase: 'Pending', initContainerStatuses: [{name: 'init', state: {running: {}}}],
                                  containerStatuses: [{name: 'a', state: {waiting: {reason: 'PodInitializing'}}}]}}
                        """, "0/1 Init:0/1 0"),
                Arguments.of("init container crash-looping", """
                        {spec: {initContainers: [{name: 'init'}], containers: [{name: 'a'}]},
                         status: {phase: 'Pending', initContainerStatuses: [
                           {name: 'init', restartCount: 4, state: {waiting: {reason: 'CrashLoopBackOff'}}}]}}
                        """, "0/1 Init:CrashLoopBackOff 4"),
                Arguments.of("init container failed", """
                        {spec: {initContainers: [{name: 'init'}], containers: [{name: 'a'}]},
                         status: {phase: 'Pending', initContainerStatuses: [
                           {name: 'init', state: {terminated: {exitCode: 1, reason: 'Error'}}}]}}
                        """, "0/1 Init:Error 0"),
                Arguments.of("image pull failing after init finished", """
                        {spec: {initContainers: [{name: 'init'}], containers: [{name: 'a'}]},
                         status: {phase: 'Pending', initContainerStatuses: [
                           {name: 'init', state: {terminated: {exitCode: 0, reason: 'Completed'}}}],
                           containerStatuses: [{name: 'a', state: {waiting: {reason: 'ImagePullBackOff'}}}]}}
                        """, "0/1 ImagePullBackOff 0"),
                Arguments.of("started sidecar counts as a container", """
                        {spec: {initContainers: [{name: 'proxy', restartPolicy: 'Always'}], containers: [{name: 'a'}]},
                         status: {phase: 'Running', conditions: [{type: 'Initialized', status: 'True'}],
                                  initContainerStatuses: [{name: 'proxy', started: true, ready: true, restartCount: 1, state: {running: {}}}],
                                  containerStatuses: [{name: 'a', ready: true, restartCount: 2, state: {running: {}}}]}}
                        """, "2/2 Running 3"),
                Arguments.of("evicted: status.reason wins", """
                        {spec: {containers: [{name: 'a'}]}, status: {phase: 'Failed', reason: 'Evicted'}}
                        """, "0/1 Evicted 0"),
                Arguments.of("scheduling gated", """
                        {spec: {containers: [{name: 'a'}]},
                         status: {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'SchedulingGated'}]}}
                        """, "0/1 SchedulingGated 0"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("pods")
    void derivesReadyStatusAndRestartsAsKubectlDoes(String description, String pod, String expected) {
        PodStatus status = PodStatus.of(json(pod));

        assertThat(status.ready() + "/" + status.total() + " " + status.reason() + " " + status.restarts())
                .isEqualTo(expected);
    }
}
