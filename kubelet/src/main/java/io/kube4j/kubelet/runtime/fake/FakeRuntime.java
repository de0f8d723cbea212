package io.kube4j.kubelet.runtime.fake;

import io.kube4j.kubelet.runtime.ContainerLog;
import io.kube4j.kubelet.runtime.ContainerRuntime;
import io.kube4j.kubelet.runtime.ContainerSpec;
import io.kube4j.kubelet.runtime.ContainerState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --container-runtime=fake}: nothing runs. A started container is running at once and
 * stays so until stopped, when it exits 0 — enough for a node to look busy in scale tests, as
 * KWOK's nodes do. It keeps no files, so it adopts nothing after a restart.
 */
public final class FakeRuntime implements ContainerRuntime {

    private final Clock clock;
    private final Map<String, ContainerState> containers = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public FakeRuntime(Clock clock) {
        this.clock = clock;
    }

    private static String key(String podUid, String container) {
        return podUid + "/" + container;
    }

    @Override
    public String version() {
        return "fake://1";
    }

    @Override
    public ContainerState start(ContainerSpec spec) {
        return containers.compute(key(spec.podUid(), spec.name()), (k, old) -> {
            if (old != null && old.running()) {
                return old;
            }
            int attempt = old == null ? 1 : old.attempt() + 1;
            return new ContainerState(spec.name(), "fake://" + ids.incrementAndGet(), attempt, true, 0, clock.instant(), null);
        });
    }

    @Override
    public Optional<ContainerState> state(String podUid, String container) {
        return Optional.ofNullable(containers.get(key(podUid, container)));
    }

    @Override
    public void stop(String podUid, String container, Duration grace) {
        containers.computeIfPresent(key(podUid, container), (k, s) -> s.running()
                ? new ContainerState(s.name(), s.containerId(), s.attempt(), false, 0, s.startedAt(), clock.instant())
                : s);
    }

    @Override
    public Set<String> pods() {
        Set<String> uids = ConcurrentHashMap.newKeySet();
        containers.keySet().forEach(k -> uids.add(k.substring(0, k.indexOf('/'))));
        return uids;
    }

    @Override
    public void removePod(String podUid) {
        containers.keySet().removeIf(k -> k.startsWith(podUid + "/"));
    }

    @Override
    public Optional<Path> logFile(String podUid, String container, boolean previous) {
        return Optional.empty();
    }

    @Override
    public Optional<ContainerLog> log(String podUid, String container, boolean previous) {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
