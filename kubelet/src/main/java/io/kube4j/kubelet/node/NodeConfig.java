package io.kube4j.kubelet.node;

import java.util.List;
import java.util.Map;

/**
 * What a kubelet tells the cluster about its node.
 *
 * @param cpu       capacity as a Quantity string ("4", "500m")
 * @param memory    capacity as a Quantity string ("8Gi")
 * @param taints    {@code key=value:Effect} or {@code key:Effect}
 * @param port      the kubelet's HTTPS port, reported as {@code daemonEndpoints.kubeletEndpoint.Port}
 */
public record NodeConfig(String name, String nodeIp, String cpu, String memory, int maxPods,
                         Map<String, String> labels, List<String> taints, int port, String runtimeVersion,
                         String podCidr) {

    public static final String KUBELET_VERSION = "v1.32.0-kube4j";

    public NodeConfig {
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
    }

    public NodeConfig withName(String newName) {
        return new NodeConfig(newName, nodeIp, cpu, memory, maxPods, labels, taints, port, runtimeVersion, podCidr);
    }
}
