package io.kube4j.kubelet.runtime.process;

import io.kube4j.kubelet.runtime.ContainerLog;
import io.kube4j.kubelet.runtime.ContainerRuntime;
import io.kube4j.kubelet.runtime.ContainerSpec;
import io.kube4j.kubelet.runtime.ContainerStartException;
import io.kube4j.kubelet.runtime.ContainerState;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --container-runtime=process}: a container is an OS process started from its command
 * and args (the image is recorded, never pulled). Each runs under a small {@code sh} wrapper that
 * writes the exit code to a file, with stdout and stderr appended straight to the log file by
 * the OS, so containers outlive the kubelet and a restarted kubelet adopts them by pid.
 */
public final class ProcessRuntime implements ContainerRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRuntime.class);
    private static final String WRAPPER = "\"$@\"; echo $? > \"$0\"";
    private static final long EXIT_POLL_MILLIS = 200;
    /** How often log sizes are sampled for {@link LogTimes}: the precision of log timestamps and sinceTime. */
    private static final long LOG_INDEX_MILLIS = 100;

    /** A container this runtime knows: where its files are and, while it may run, its process. */
    private record Known(Path podDir, String name, ContainerFiles.Current current, ProcessHandle process) {
    }

    private final Path podsDir;
    private final Clock clock;
    private final Consumer<String> exited;
    private final Map<String, Known> containers = new ConcurrentHashMap<>();
    /** When an attempt that left no exit file was first seen dead, by {@code key#attempt}: a stable finishedAt. */
    private final Map<String, Instant> seenDead = new ConcurrentHashMap<>();
    /**
     * Threads that wait for container processes to end and then report the exit. Not
     * {@code Process.onExit()}: its stages complete on the common fork-join pool, a single thread
     * on a 2-core machine, so an exit can be reported late or not at all while that pool is busy.
     */
    private final ExecutorService waiters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "process-runtime-exit-waiter");
        t.setDaemon(true);
        return t;
    });

    /** Samples the size of every known log, see {@link LogTimes}. */
    private final ScheduledExecutorService indexer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-runtime-log-times");
        t.setDaemon(true);
        return t;
    });
    /** The log size last recorded in each {@code <n>.times}, by log path. */
    private final Map<Path, Long> indexed = new ConcurrentHashMap<>();

    private ProcessRuntime(Path podsDir, Clock clock, Consumer<String> exited) {
        this.podsDir = podsDir;
        this.clock = clock;
        this.exited = exited;
        indexer.scheduleWithFixedDelay(this::indexLogs, LOG_INDEX_MILLIS, LOG_INDEX_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void indexLogs() {
        Instant now = clock.instant();
        for (Known known : containers.values()) {
            Path log = ContainerFiles.of(known.podDir(), known.name()).log(known.current().attempt());
            try {
                long size = Files.size(log);
                Path times = LogTimes.fileOf(log);
                long seen = indexed.computeIfAbsent(log, k -> LogTimes.read(times).indexedSize());
                if (size > seen) {
                    LogTimes.append(times, size, now);
                    indexed.put(log, size);
                }
            } catch (IOException | RuntimeException e) {
                // no log yet, or the pod is being removed
            }
        }
    }

    /** Opens the runtime over {@code podsDir}, adopting the containers recorded there that still run. */
    public static ProcessRuntime open(Path podsDir, Clock clock, Consumer<String> exited) {
        ProcessRuntime runtime = new ProcessRuntime(podsDir, clock, exited);
        runtime.adopt();
        return runtime;
    }

    private static String key(String podUid, String container) {
        return podUid + "/" + container;
    }

    private void adopt() {
        try {
            Files.createDirectories(podsDir);
            try (Stream<Path> pods = Files.list(podsDir)) {
                for (Path podDir : pods.toList()) {
                    Path dir = podDir.resolve("containers");
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (Stream<Path> names = Files.list(dir)) {
                        names.forEach(c -> adopt(podDir, c.getFileName().toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("process runtime: cannot read " + podsDir, e);
        }
    }

    private void adopt(Path podDir, String name) {
        ContainerFiles files = ContainerFiles.of(podDir, name);
        files.readCurrent().ifPresent(current -> {
            ProcessHandle process = ProcessHandle.of(current.pid()).filter(ProcessTree::alive)
                    .filter(p -> current.processStart() != null
                            && current.processStart().equals(p.info().startInstant().orElse(null)))
                    .orElse(null);
            String uid = podDir.getFileName().toString();
            containers.put(key(uid, name), new Known(podDir, name, current, process));
            if (process != null) {
                LOG.info("adopted container {} of pod {} (pid {})", name, uid, current.pid());
                watchExit(uid, process, null);
            }
        });
    }

    @Override
    public String version() {
        return "process://1";
    }

    @Override
    public ContainerState start(ContainerSpec spec) throws ContainerStartException {
        String key = key(spec.podUid(), spec.name());
        Known known = containers.get(key);
        if (known != null && known.process() != null && ProcessTree.alive(known.process())) {
            return toState(known);
        }
        List<String> commandLine = spec.hostArgv();
        if (commandLine.isEmpty()) {
            throw new ContainerStartException("RunContainerError", "container \"" + spec.name() + "\" of pod "
                    + spec.podKey() + " has no command: the process runtime runs command and args, it does not pull "
                    + "or run image " + spec.image());
        }
        ContainerFiles files = ContainerFiles.of(spec.podDir(), spec.name());
        int attempt = known == null ? 1 : known.current().attempt() + 1;
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, files.exit(attempt).toString()));
        argv.addAll(commandLine);
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        builder.environment().putAll(spec.env());
        builder.directory(spec.workingDir() == null ? spec.podDir().toFile() : new File(spec.workingDir()));
        builder.redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(files.log(attempt).toFile()));
        Process process;
        try {
            Files.createDirectories(files.dir());
            process = builder.start();
        } catch (IOException e) {
            throw new ContainerStartException("RunContainerError", "container \"" + spec.name() + "\" of pod "
                    + spec.podKey() + " did not start: " + e.getMessage());
        }
        Instant processStart = process.info().startInstant().orElse(null);
        ContainerFiles.Current current = new ContainerFiles.Current(attempt, process.pid(), processStart, clock.instant());
        files.writeCurrent(current);
        Known started = new Known(spec.podDir(), spec.name(), current, process.toHandle());
        containers.put(key, started);
        watchExit(spec.podUid(), process.toHandle(), process);
        return toState(started);
    }

    /**
     * Reports the end of a container process to {@code exited}, exactly once, however quickly it
     * ends: the waiter is started after the container is recorded in {@code containers}, so the
     * sync it triggers sees the exit. A child is waited for; an adopted process (a child of an
     * earlier kubelet process) is polled.
     */
    private void watchExit(String podUid, ProcessHandle handle, Process child) {
        Runnable wait = () -> {
            try {
                if (child != null) {
                    child.waitFor();
                } else {
                    while (ProcessTree.alive(handle)) {
                        Thread.sleep(EXIT_POLL_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the runtime is closing
            }
            try {
                exited.accept(podUid);
            } catch (RuntimeException e) {
                LOG.warn("pod {}: exit of pid {} not reported: {}", podUid, handle.pid(), e.getMessage(), e);
            }
        };
        try {
            waiters.execute(wait);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closing: the next kubelet adopts the process and sees its exit
        }
    }

    @Override
    public Optional<ContainerState> state(String podUid, String container) {
        return Optional.ofNullable(containers.get(key(podUid, container))).map(this::toState);
    }

    private ContainerState toState(Known known) {
        ContainerFiles.Current current = known.current();
        String id = "process://" + current.pid();
        if (known.process() != null && ProcessTree.alive(known.process())) {
            return new ContainerState(known.name(), id, current.attempt(), true, 0, current.startedAt(), null);
        }
        ContainerFiles files = ContainerFiles.of(known.podDir(), known.name());
        // no exit file: the wrapper itself was killed, which only the SIGKILL of a stop does
        int exitCode = files.readExit(current.attempt()).orElse(137);
        Instant finished = files.exitTime(current.attempt()).orElseGet(() -> seenDead.computeIfAbsent(
                known.podDir().getFileName() + "/" + known.name() + "#" + current.attempt(), k -> clock.instant()));
        return new ContainerState(known.name(), id, current.attempt(), false, exitCode, current.startedAt(), finished);
    }

    @Override
    public void stop(String podUid, String container, Duration grace) {
        Known known = containers.get(key(podUid, container));
        if (known != null && known.process() != null && ProcessTree.alive(known.process())) {
            LOG.debug("stopping container {} of pod {} (grace {})", container, podUid, grace);
            ProcessTree.stop(known.process(), grace);
        }
    }

    @Override
    public Set<String> pods() {
        Set<String> uids = ConcurrentHashMap.newKeySet();
        containers.keySet().forEach(k -> uids.add(k.substring(0, k.indexOf('/'))));
        return uids;
    }

    @Override
    public void removePod(String podUid) {
        for (Map.Entry<String, Known> e : List.copyOf(containers.entrySet())) {
            if (e.getKey().startsWith(podUid + "/")) {
                stop(podUid, e.getValue().name(), Duration.ZERO);
                containers.remove(e.getKey());
            }
        }
        seenDead.keySet().removeIf(k -> k.startsWith(podUid + "/"));
        indexed.keySet().removeIf(p -> p.startsWith(podsDir.resolve(podUid)));
        deleteTree(podsDir.resolve(podUid).resolve("containers"));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public Optional<Path> logFile(String podUid, String container, boolean previous) {
        Known known = containers.get(key(podUid, container));
        if (known == null) {
            return Optional.empty();
        }
        int attempt = known.current().attempt() - (previous ? 1 : 0);
        Path log = ContainerFiles.of(known.podDir(), container).log(attempt);
        return attempt > 0 && Files.exists(log) ? Optional.of(log) : Optional.empty();
    }

    @Override
    public Optional<ContainerLog> log(String podUid, String container, boolean previous) {
        Known known = containers.get(key(podUid, container));
        return logFile(podUid, container, previous).map(file -> new FileLog(file, () -> !previous
                && known.process() != null && ProcessTree.alive(known.process()), clock));
    }

    @Override
    public void close() {
        indexer.shutdownNow();
        waiters.shutdownNow();
        containers.clear();
        seenDead.clear();
    }
}
