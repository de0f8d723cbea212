package io.kube4j.deploy.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.util.Map;

/** The API objects the scenarios create. */
final class Objects {

    private Objects() {
    }

    static ObjectNode namespace(String name) {
        ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
        ns.putObject("metadata").put("name", name);
        return ns;
    }

    /**
     * A pod running {@code sleep 3600} (the process runtime runs the command; the image is only
     * recorded), limited to nodes with {@code selector} and given to {@code scheduler}.
     */
    static ObjectNode pod(String namespace, String name, String scheduler, Map<String, String> selector) {
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("name", name).put("namespace", namespace).putObject("labels").put("app", "bench");
        ObjectNode spec = pod.putObject("spec").put("schedulerName", scheduler).put("terminationGracePeriodSeconds", 0);
        if (!selector.isEmpty()) {
            ObjectNode nodeSelector = spec.putObject("nodeSelector");
            selector.forEach(nodeSelector::put);
        }
        ObjectNode container = spec.putArray("containers").addObject().put("name", "c").put("image", "busybox");
        container.putArray("command").add("sleep").add("3600");
        ObjectNode requests = container.putObject("resources").putObject("requests");
        requests.put("cpu", "10m").put("memory", "16Mi");
        return pod;
    }

    /** A node as an API object only (no kubelet), Ready, with the capacity of a small machine. */
    static ObjectNode node(String name, Map<String, String> labels) {
        ObjectNode node = Json.object().put("apiVersion", "v1").put("kind", "Node");
        ObjectNode meta = node.putObject("metadata").put("name", name);
        ObjectNode l = meta.putObject("labels");
        l.put("kubernetes.io/hostname", name);
        labels.forEach(l::put);
        ObjectNode status = node.putObject("status");
        for (String field : new String[] {"capacity", "allocatable"}) {
            status.putObject(field).put("cpu", "4").put("memory", "16Gi").put("pods", "110");
        }
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                .put("reason", "KubeletReady").put("lastHeartbeatTime", java.time.Instant.now().toString());
        return node;
    }

    static ObjectNode binding(String namespace, String pod, String node) {
        ObjectNode binding = Json.object().put("apiVersion", "v1").put("kind", "Binding");
        binding.putObject("metadata").put("name", pod).put("namespace", namespace);
        binding.putObject("target").put("apiVersion", "v1").put("kind", "Node").put("name", node);
        return binding;
    }
}
