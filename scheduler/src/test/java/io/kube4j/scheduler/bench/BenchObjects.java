package io.kube4j.scheduler.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Pod;

/**
 * The benchmark's objects, shaped like scheduler_perf's defaults: nodes of 4 cpu / 32Gi / 110 pods,
 * Ready, without kubelets; pods of one pause container requesting 100m cpu and 500Mi.
 */
final class BenchObjects {

    private BenchObjects() {
    }

    static String nodeName(int i) {
        return String.format("node-%05d", i);
    }

    static String podName(int i) {
        return String.format("pod-%06d", i);
    }

    static Node node(int i) {
        Node node = Node.named(nodeName(i));
        node.metadata().label("kubernetes.io/hostname", nodeName(i));
        ObjectNode status = node.json().putObject("status");
        for (String field : new String[] {"capacity", "allocatable"}) {
            status.putObject(field).put("cpu", "4").put("memory", "32Gi").put("pods", "110");
        }
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        return node;
    }

    static Pod pod(String namespace, int i, String schedulerName) {
        Pod pod = Pod.named(namespace, podName(i));
        ObjectNode spec = pod.json().putObject("spec");
        spec.put("schedulerName", schedulerName);
        ObjectNode container = spec.putArray("containers").addObject();
        container.put("name", "pause");
        container.put("image", "registry.k8s.io/pause:3.9");
        container.putObject("resources").putObject("requests").put("cpu", "100m").put("memory", "500Mi");
        return pod;
    }
}
