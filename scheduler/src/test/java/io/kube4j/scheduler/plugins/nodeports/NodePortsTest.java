package io.kube4j.scheduler.plugins.nodeports;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.CycleState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodePortsTest {

    final NodePorts plugin = new NodePorts();

    @ParameterizedTest(name = "used {0} {1}:{2}, wanted {3} {4}:{5} → {6}")
    @CsvSource(delimiter = '|', value = {
            // same port, both on all addresses: conflict
            "         | TCP | 8080 |          | TCP | 8080 | false",
            // another port
            "         | TCP | 8080 |          | TCP | 8081 | true",
            // same port, other protocol
            "         | TCP | 53   |          | UDP | 53   | true",
            // two specific addresses do not clash
            "10.0.0.1 | TCP | 80   | 10.0.0.2 | TCP | 80   | true",
            // the same specific address does
            "10.0.0.1 | TCP | 80   | 10.0.0.1 | TCP | 80   | false",
            // 0.0.0.0 covers every address, either way round
            "         | TCP | 80   | 10.0.0.2 | TCP | 80   | false",
            "10.0.0.1 | TCP | 80   |          | TCP | 80   | false",
    })
    void aHostPortAlreadyTakenOnTheNodeRulesItOut(String usedIp, String usedProtocol, int usedPort, String ip,
                                                  String protocol, int port, boolean feasible) {
        var node = node("n").info(pod("old").hostPort(usedIp == null ? "" : usedIp, usedProtocol, usedPort).info());
        var status = plugin.filter(new CycleState(), pod("new").hostPort(ip == null ? "" : ip, protocol, port).info(), node);
        assertThat(status.isSuccess()).isEqualTo(feasible);
        if (!feasible) {
            assertThat(status.reasons()).containsExactly("node(s) didn't have free ports for the requested pod ports");
        }
    }
}
