package io.kube4j.kubelet.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Node;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds the Node object a kubelet registers and the status it posts: pure functions of the config. */
final class NodeObjects {

    private NodeObjects() {
    }

    static Node node(NodeConfig config) {
        Node node = Node.named(config.name());
        node.metadata().label("kubernetes.io/hostname", config.name());
        node.metadata().label("kubernetes.io/os", "linux");
        node.metadata().label("kubernetes.io/arch", "amd64");
        config.labels().forEach(node.metadata()::label);
        if (config.podCidr() != null && !config.podCidr().isEmpty()) {
            node.spec().put("podCIDR", config.podCidr());
            node.spec().putArray("podCIDRs").add(config.podCidr());
        }
        if (!config.taints().isEmpty()) {
            ArrayNode taints = node.spec().putArray("taints");
            config.taints().forEach(t -> taints.add(taint(t)));
        }
        return node;
    }

    /** {@code key=value:Effect} or {@code key:Effect}. */
    static ObjectNode taint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("taint \"" + text + "\" is not key[=value]:Effect");
        }
        String effect = text.substring(colon + 1);
        if (!List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
            throw new IllegalArgumentException("taint \"" + text + "\": effect must be NoSchedule, PreferNoSchedule or NoExecute");
        }
        String keyValue = text.substring(0, colon);
        int eq = keyValue.indexOf('=');
        ObjectNode taint = Json.object();
        taint.put("key", eq < 0 ? keyValue : keyValue.substring(0, eq));
        if (eq >= 0) {
            taint.put("value", keyValue.substring(eq + 1));
        }
        taint.put("effect", effect);
        return taint;
    }

    /**
     * The status, with every condition's transition time kept from {@code previous} when its
     * status did not change (so an unchanged node posts an equal status).
     */
    static ObjectNode status(NodeConfig config, Instant now, ObjectNode previous) {
        ObjectNode status = Json.object();
        ObjectNode capacity = status.putObject("capacity");
        capacity.put("cpu", config.cpu());
        capacity.put("memory", config.memory());
        capacity.put("pods", Integer.toString(config.maxPods()));
        status.set("allocatable", capacity.deepCopy());
        ArrayNode conditions = status.putArray("conditions");
        Map<String, String[]> wanted = new java.util.LinkedHashMap<>();
        wanted.put("MemoryPressure", new String[] {"False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"});
        wanted.put("DiskPressure", new String[] {"False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"});
        wanted.put("PIDPressure", new String[] {"False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"});
        wanted.put("Ready", new String[] {"True", "KubeletReady", "kubelet is posting ready status"});
        wanted.forEach((type, v) -> {
            ObjectNode c = conditions.addObject();
            c.put("type", type);
            c.put("status", v[0]);
            c.put("reason", v[1]);
            c.put("message", v[2]);
            c.put("lastHeartbeatTime", now.toString());
            c.put("lastTransitionTime", transition(previous, type, v[0]).orElse(now.toString()));
        });
        ArrayNode addresses = status.putArray("addresses");
        addresses.addObject().put("type", "InternalIP").put("address", config.nodeIp());
        addresses.addObject().put("type", "Hostname").put("address", config.name());
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", config.port());
        ObjectNode info = status.putObject("nodeInfo");
        info.put("kubeletVersion", NodeConfig.KUBELET_VERSION);
        info.put("kubeProxyVersion", NodeConfig.KUBELET_VERSION);
        info.put("containerRuntimeVersion", config.runtimeVersion());
        info.put("operatingSystem", "linux");
        info.put("architecture", "amd64");
        info.put("osImage", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        info.put("kernelVersion", System.getProperty("os.version"));
        info.put("machineID", "");
        info.put("systemUUID", "");
        info.put("bootID", "");
        return status;
    }

    private static java.util.Optional<String> transition(ObjectNode previous, String type, String status) {
        if (previous == null) {
            return java.util.Optional.empty();
        }
        for (var c : previous.path("conditions")) {
            if (c.path("type").asText().equals(type) && c.path("status").asText().equals(status)) {
                return java.util.Optional.of(c.path("lastTransitionTime").asText());
            }
        }
        return java.util.Optional.empty();
    }
}
