package io.kube4j.kubelet.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to run: the container's command line with variables already expanded, its environment
 * and working directory, and the pod's directory (logs and state go under it).
 *
 * @param workingDir null for the pod directory
 */
public record ContainerSpec(String podUid, String podKey, String name, String image, List<String> command,
                            Map<String, String> env, String workingDir, Path podDir) {

    public ContainerSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }
}
