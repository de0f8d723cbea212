package io.kube4j.proxy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kube-proxy} executable ({@code target/kube-proxy.jar}, built before the ITs run)
 * as a separate process, its stdout and stderr lines collected. Always {@link #close()} it.
 */
public final class ProxyProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    private ProxyProcess(Process process) {
        this.process = process;
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    private static void collect(java.io.InputStream stream, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // ended
            }
        }, "kube-proxy-process-output");
        t.setDaemon(true);
        t.start();
    }

    public static ProxyProcess launch(String... args) throws IOException {
        Path jar = Path.of("target", "kube-proxy.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar.toAbsolutePath() + " is missing: run the package phase first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx128m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProxyProcess(new ProcessBuilder(command).start());
    }

    /** A copy of {@code pki}'s kube-proxy kubeconfig pointing at {@code server}. */
    public static Path kubeconfig(Path pki, String server, Path dir) throws IOException {
        String text = Files.readString(pki.resolve("kube-proxy.kubeconfig"));
        Path file = dir.resolve("kube-proxy-" + System.nanoTime() + ".kubeconfig");
        Files.writeString(file, text.replaceAll("server: \\S+", "server: " + server));
        return file;
    }

    /** Waits for the exit code, killing the process after {@code seconds}. */
    public int await(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("kube-proxy did not exit within " + seconds + " s; output: " + out + " " + err);
        }
        return process.exitValue();
    }

    /** SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public List<String> stdout() {
        return List.copyOf(out);
    }

    public List<String> stderr() {
        return List.copyOf(err);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
