package io.kube4j.scheduler.framework;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A host port a pod's container asks for; {@code 0.0.0.0} means every address of the node. */
public record HostPort(String ip, String protocol, int port) {

    public static final String ANY_IP = "0.0.0.0";

    /** The host ports asked for by a pod's containers (init containers included), as Kubernetes reads them. */
    public static List<HostPort> listOf(JsonNode spec) {
        List<HostPort> out = new ArrayList<>();
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : spec.path(list)) {
                for (JsonNode p : container.path("ports")) {
                    int port = p.path("hostPort").asInt(0);
                    if (port > 0) {
                        String ip = p.path("hostIP").asText("");
                        out.add(new HostPort(ip.isEmpty() ? ANY_IP : ip, p.path("protocol").asText("TCP"), port));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** Two uses of a port clash when protocol and port agree and either address covers the other. */
    public boolean conflictsWith(HostPort other) {
        return port == other.port && protocol.equals(other.protocol)
                && (ip.equals(other.ip) || ip.equals(ANY_IP) || other.ip.equals(ANY_IP));
    }
}
