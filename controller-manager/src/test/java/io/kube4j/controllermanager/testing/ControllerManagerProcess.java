package io.kube4j.controllermanager.testing;

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

/**
 * A real {@code kube-controller-manager} process (this test class path), its output lines
 * collected for the test to wait on. Always {@link #close()} it.
 */
public final class ControllerManagerProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ControllerManagerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "controller-manager-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static ControllerManagerProcess launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.kube4j.controllermanager.ControllerManagerCommand"));
        command.addAll(List.of(args));
        return new ControllerManagerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public boolean printed(String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    /** Waits for the process to exit by itself; −1 if it did not within {@code within}. */
    public int awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGTERM; answers the exit code, or −1 if it did not exit within {@code within}. */
    public int terminate(Duration within) throws InterruptedException {
        process.destroy();
        return awaitExit(within);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return "kube-controller-manager (" + String.join(" | ", lines()) + ")";
    }
}
