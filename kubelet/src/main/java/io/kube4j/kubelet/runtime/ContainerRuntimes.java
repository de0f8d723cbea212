package io.kube4j.kubelet.runtime;

import io.kube4j.kubelet.runtime.docker.DockerRuntime;
import io.kube4j.kubelet.runtime.fake.FakeRuntime;
import io.kube4j.kubelet.runtime.process.ProcessRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/** The runtimes of {@code --container-runtime}. */
public final class ContainerRuntimes {

    public enum Type { PROCESS, DOCKER, FAKE }

    private ContainerRuntimes() {
    }

    /**
     * @param podsDir  {@code <root-dir>/pods}: one directory per pod uid
     * @param exited   told the pod uid when one of its containers exits, on a runtime thread
     * @param podInfraImage the docker runtime's sandbox image
     */
    public static ContainerRuntime create(Type type, Path podsDir, Clock clock, Consumer<String> exited,
                                          String podInfraImage) {
        return switch (type) {
            case PROCESS -> ProcessRuntime.open(podsDir, clock, exited);
            // the owner label is the pods directory: kubelets sharing a daemon keep apart
            case DOCKER -> DockerRuntime.open(DockerRuntime.defaultSocket(), podsDir.toAbsolutePath().toString(),
                    podInfraImage, clock, exited);
            case FAKE -> new FakeRuntime(clock);
        };
    }
}
