package io.kube4j.kubelet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a probe reaches: the pod's IP for httpGet and tcpSocket, the container's environment
 * and directory for exec, and its declared ports to resolve named ports.
 */
public record ProbeTarget(String podIp, Map<String, String> env, Path workingDir, JsonNode ports) {

    public ProbeTarget {
        env = Map.copyOf(env);
    }
}
