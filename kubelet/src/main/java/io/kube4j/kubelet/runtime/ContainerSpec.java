package io.kube4j.kubelet.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What to run: the container's image, command and args with variables already expanded (empty:
 * the image's own), its environment, working directory, volume mounts and resource limits, and
 * the pod's directory (logs and state go under it).
 *
 * @param pullPolicy Always, IfNotPresent or Never, defaulted as Kubernetes does
 * @param workingDir null for the runtime's default
 */
public record ContainerSpec(String podUid, String podKey, String name, String image, String pullPolicy,
                            List<String> command, List<String> args, Map<String, String> env, String workingDir,
                            Path podDir, List<Mount> mounts, Limits limits) {

    /** A volume (or a file of it, with subPath) at {@code containerPath}. */
    public record Mount(Path hostPath, String containerPath, boolean readOnly) {
    }

    /**
     * Resource limits; 0 for none.
     *
     * @param milliCpu    {@code limits.cpu} in thousandths of a CPU
     * @param memoryBytes {@code limits.memory}
     */
    public record Limits(long milliCpu, long memoryBytes) {
        public static final Limits NONE = new Limits(0, 0);
    }

    public ContainerSpec {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Map.copyOf(env);
        mounts = List.copyOf(mounts);
    }

    /**
     * command + args for a runtime without its own file system view: each mount path in them is
     * rewritten to the volume's host directory (longest mount path first), so that
     * {@code cat /etc/config/key} reads the volume.
     */
    public List<String> hostArgv() {
        List<Mount> longestFirst = new ArrayList<>(mounts);
        longestFirst.sort(Comparator.comparingInt((Mount m) -> m.containerPath().length()).reversed());
        List<String> out = new ArrayList<>();
        for (List<String> part : List.of(command, args)) {
            for (String text : part) {
                for (Mount m : longestFirst) {
                    if (m.containerPath().length() > 1) {
                        text = text.replace(m.containerPath(), m.hostPath().toString());
                    }
                }
                out.add(text);
            }
        }
        return out;
    }
}
