package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.TestObjects.NOW;
import static io.kube4j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServicePrinterTest {

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [{port: 80}]                                                       | 80/TCP
            [{port: 80, protocol: "TCP", nodePort: 30080}]                     | 80:30080/TCP
            [{port: 53, protocol: "UDP"}, {port: 53, protocol: "TCP"}]         | 53/UDP,53/TCP
            []                                                                 | ''
            """)
    void portsAreNumberSlashProtocolWithTheNodePortWhenAllocated(String ports, String expected) {
        assertThat(ServicePrinter.ports(json("{spec: {ports: " + ports + "}}"))).isEqualTo(expected);
    }

    @Test
    void printsAClusterIpService() {
        var service = json("""
                {metadata: {name: 'web', creationTimestamp: '2025-06-01T11:55:00Z'},
                 spec: {type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'],
                        ports: [{port: 80, protocol: 'TCP'}], selector: {tier: 'front', app: 'web'}}}
                """);

        assertThat(new ServicePrinter().cells(service, NOW))
                .containsExactly("web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP", "5m", "app=web,tier=front");
    }

    @Test
    void loadBalancerWithoutIngressIsPendingAndHeadlessHasNoPorts() {
        var pending = json("{metadata: {name: 'lb'}, spec: {type: 'LoadBalancer', clusterIP: '10.96.0.11', ports: [{port: 443, nodePort: 31443}]}}");
        var headless = json("{metadata: {name: 'db'}, spec: {clusterIP: 'None'}}");

        assertThat(new ServicePrinter().cells(pending, NOW))
                .containsExactly("lb", "LoadBalancer", "10.96.0.11", "<pending>", "443:31443/TCP", "<unknown>", "<none>");
        assertThat(new ServicePrinter().cells(headless, NOW))
                .containsExactly("db", "ClusterIP", "None", "<none>", "<none>", "<unknown>", "<none>");
    }
}
