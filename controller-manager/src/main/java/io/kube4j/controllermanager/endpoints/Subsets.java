package io.kube4j.controllermanager.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.Service;
import io.kube4j.controllermanager.util.Pods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code subsets} of a Service's Endpoints from its pods: one subset per distinct set of
 * resolved ports (a named targetPort may mean another number on each pod), ready pods as
 * {@code addresses}, the others as {@code notReadyAddresses}, sorted so equal input gives equal output.
 */
final class Subsets {

    private Subsets() {
    }

    static ArrayNode of(Service service, List<Pod> pods) {
        Map<String, ObjectNode> byPorts = new TreeMap<>();
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparing(p -> p.status().path("podIP").asText()));
        for (Pod pod : sorted) {
            String ip = pod.status().path("podIP").asText("");
            if (ip.isEmpty() || pod.metadata().isBeingDeleted() || !Pods.isActive(pod)) {
                continue;
            }
            ArrayNode ports = ports(service, pod);
            String key = Json.string(ports);
            ObjectNode subset = byPorts.computeIfAbsent(key, k -> Json.object());
            String list = Pods.isReady(pod) ? "addresses" : "notReadyAddresses";
            ArrayNode addresses = subset.get(list) instanceof ArrayNode a ? a : subset.putArray(list);
            addresses.add(address(pod, ip));
            subset.set("ports", ports);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ObjectNode subset : byPorts.values()) {
            ObjectNode ordered = Json.object();
            if (subset.has("addresses")) {
                ordered.set("addresses", subset.get("addresses"));
            }
            if (subset.has("notReadyAddresses")) {
                ordered.set("notReadyAddresses", subset.get("notReadyAddresses"));
            }
            ordered.set("ports", subset.get("ports"));
            out.add(ordered);
        }
        return out;
    }

    private static ObjectNode address(Pod pod, String ip) {
        ObjectNode address = Json.object();
        address.put("ip", ip);
        if (!pod.nodeName().isEmpty()) {
            address.put("nodeName", pod.nodeName());
        }
        address.putObject("targetRef").put("kind", "Pod").put("namespace", pod.metadata().namespace())
                .put("name", pod.metadata().name()).put("uid", pod.metadata().uid());
        return address;
    }

    private static ArrayNode ports(Service service, Pod pod) {
        ArrayNode ports = Json.MAPPER.createArrayNode();
        for (JsonNode port : service.spec().path("ports")) {
            Optional<Integer> number = targetPort(port, pod);
            if (number.isEmpty()) {
                continue;
            }
            ObjectNode p = ports.addObject();
            if (port.hasNonNull("name")) {
                p.put("name", port.get("name").asText());
            }
            p.put("port", number.get());
            p.put("protocol", port.path("protocol").asText("TCP"));
        }
        return ports;
    }

    /** The number a service port reaches on this pod: targetPort as a number, by container port name, or the port itself. */
    static Optional<Integer> targetPort(JsonNode servicePort, Pod pod) {
        JsonNode target = servicePort.path("targetPort");
        if (target.isMissingNode() || target.isNull()) {
            return Optional.of(servicePort.path("port").asInt());
        }
        if (target.isInt()) {
            return Optional.of(target.asInt());
        }
        String name = target.asText();
        if (name.matches("\\d+")) {
            return Optional.of(Integer.parseInt(name));
        }
        for (JsonNode container : pod.spec().path("containers")) {
            for (JsonNode p : container.path("ports")) {
                if (p.path("name").asText().equals(name)) {
                    return Optional.of(p.path("containerPort").asInt());
                }
            }
        }
        return Optional.empty();
    }
}
