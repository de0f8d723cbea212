package io.kube4j.kubelet.runtime;

import io.kube4j.kubelet.runtime.fake.FakeRuntime;
import io.kube4j.kubelet.runtime.process.ProcessRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/** The runtimes of {@code --container-runtime}. */
public final class ContainerRuntimes {

    public enum Type { PROCESS, FAKE }

    private ContainerRuntimes() {
    }

    /**
     * @param podsDir  {@code <root-dir>/pods}: one directory per pod uid
     * @param exited   told the pod uid when one of its containers exits, on a runtime thread
     */
    public static ContainerRuntime create(Type type, Path podsDir, Clock clock, Consumer<String> exited) {
        return switch (type) {
            case PROCESS -> ProcessRuntime.open(podsDir, clock, exited);
            case FAKE -> new FakeRuntime(clock);
        };
    }
}
