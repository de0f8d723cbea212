package io.kube4j.proxy.state;

import java.time.Duration;

/**
 * What the proxy needs of one Service port.
 *
 * @param clusterIp       "" when the Service has none (headless services are left out altogether)
 * @param nodePort        0 when the Service has no node port
 * @param affinityTimeout zero without {@code sessionAffinity: ClientIP}
 */
public record ServicePort(ServicePortName name, String clusterIp, int port, String protocol, int nodePort,
                          Duration affinityTimeout) {

    public boolean tcp() {
        return protocol.equals("TCP");
    }
}
