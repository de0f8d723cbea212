package io.kube4j.kubelet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Map;

/**
 * What a probe reaches: the pod's IP for httpGet and tcpSocket; for exec, the runtime's way into
 * the container or, when it has none, the container's environment and directory on the host;
 * and its declared ports to resolve named ports.
 */
public record ProbeTarget(String podIp, Map<String, String> env, Path workingDir, JsonNode ports, Exec inside) {

    /** Runs a command inside the container; empty when the runtime cannot (it then runs on the host). */
    @FunctionalInterface
    public interface Exec {
        Exec NONE = (command, timeout) -> OptionalInt.empty();

        OptionalInt run(List<String> command, Duration timeout) throws IOException, InterruptedException;
    }

    public ProbeTarget {
        env = Map.copyOf(env);
    }
}
