package io.kube4j.kubelet;

import io.kube4j.common.client.ClientConfig;
import io.kube4j.kubelet.node.NodeAgent;
import io.kube4j.kubelet.pod.Backoff;
import io.kube4j.kubelet.runtime.ContainerRuntimes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a kubelet is started with; {@link KubeletCommand} fills it from flags, tests build it
 * directly.
 *
 * @param port       0 disables the HTTPS API
 * @param tlsCert    null for a self-signed serving certificate
 * @param clientCa   null: only /healthz is served to anyone
 * @param fakeNodes  0 for one node named {@code nodeName}; N registers {@code <nodeName>-0 … -(N-1)}
 * @param podInfraImage   the image of the docker runtime's pod sandboxes
 * @param podManifestPath a directory of static pod manifests; null for none
 */
public record KubeletOptions(ClientConfig client, String nodeName, ContainerRuntimes.Type runtime, Path rootDir,
                             int port, Path tlsCert, Path tlsKey, Path clientCa, Map<String, String> labels,
                             List<String> taints, int maxPods, String cpu, String memory, String podCidr, String nodeIp,
                             int fakeNodes, NodeAgent.Periods periods, Backoff backoff, String podInfraImage,
                             Path podManifestPath) {

    public KubeletOptions {
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
    }

    /** A process kubelet for {@code nodeName} with Kubernetes' defaults and the API disabled. */
    public static KubeletOptions defaults(ClientConfig client, String nodeName, Path rootDir) {
        return new KubeletOptions(client, nodeName, ContainerRuntimes.Type.PROCESS, rootDir, 0, null, null, null,
                Map.of(), List.of(), 110, Integer.toString(Runtime.getRuntime().availableProcessors()),
                physicalMemoryMi() + "Mi", "127.1.0.0/16", "127.0.0.1", 0,
                NodeAgent.Periods.DEFAULT, Backoff.DEFAULT, "busybox:latest", null);
    }

    private static long physicalMemoryMi() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long bytes = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize()
                : Runtime.getRuntime().maxMemory();
        return bytes / (1024 * 1024);
    }

    public KubeletOptions withRuntime(ContainerRuntimes.Type type, int fakeNodeCount) {
        return new KubeletOptions(client, nodeName, type, rootDir, port, tlsCert, tlsKey, clientCa, labels, taints,
                maxPods, cpu, memory, podCidr, nodeIp, fakeNodeCount, periods, backoff, podInfraImage, podManifestPath);
    }

    public KubeletOptions withServing(int newPort, Path cert, Path key, Path ca) {
        return new KubeletOptions(client, nodeName, runtime, rootDir, newPort, cert, key, ca, labels, taints,
                maxPods, cpu, memory, podCidr, nodeIp, fakeNodes, periods, backoff, podInfraImage, podManifestPath);
    }

    public KubeletOptions withNode(Map<String, String> newLabels, List<String> newTaints, int newMaxPods, String newCpu,
                                   String newMemory, String newPodCidr, String newNodeIp) {
        return new KubeletOptions(client, nodeName, runtime, rootDir, port, tlsCert, tlsKey, clientCa, newLabels,
                newTaints, newMaxPods, newCpu, newMemory, newPodCidr, newNodeIp, fakeNodes, periods, backoff, podInfraImage, podManifestPath);
    }

    public KubeletOptions withTiming(NodeAgent.Periods newPeriods, Backoff newBackoff) {
        return new KubeletOptions(client, nodeName, runtime, rootDir, port, tlsCert, tlsKey, clientCa, labels, taints,
                maxPods, cpu, memory, podCidr, nodeIp, fakeNodes, newPeriods, newBackoff, podInfraImage, podManifestPath);
    }

    public KubeletOptions withPodInfraImage(String image) {
        return new KubeletOptions(client, nodeName, runtime, rootDir, port, tlsCert, tlsKey, clientCa, labels, taints,
                maxPods, cpu, memory, podCidr, nodeIp, fakeNodes, periods, backoff, image, podManifestPath);
    }

    public KubeletOptions withPodManifestPath(Path dir) {
        return new KubeletOptions(client, nodeName, runtime, rootDir, port, tlsCert, tlsKey, clientCa, labels, taints,
                maxPods, cpu, memory, podCidr, nodeIp, fakeNodes, periods, backoff, podInfraImage, dir);
    }
}
