package io.kube4j.scheduler.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real {@code kube-scheduler} process (this test class path, {@code SchedulerCommand}), with its
 * stdout and stderr lines collected for the test to wait on. Always {@link #close()} it.
 */
public final class SchedulerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private SchedulerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "scheduler-process-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    public static SchedulerProcess launch(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.kube4j.scheduler.SchedulerCommand"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new SchedulerProcess(name, process);
    }

    public String name() {
        return name;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public boolean printed(Predicate<String> line) {
        return lines.stream().anyMatch(line);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and wait for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM; answers the exit code, or −1 if it did not exit within {@code within}. */
    public int terminate(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Waits for the process to exit by itself; −1 if it did not within {@code within}. */
    public int awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "kube-scheduler " + name + " (" + String.join(" | ", lines()) + ")";
    }
}
