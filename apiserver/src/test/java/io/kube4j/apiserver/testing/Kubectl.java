package io.kube4j.apiserver.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code kubectl} from the PATH as a subprocess against a {@link TestCluster}: a copy of
 * admin's kubeconfig pointing at the test port, a fresh discovery cache, a deadline on every run
 * and stdout/stderr captured to files so that assertion messages can show them.
 *
 * <p>Without a kubectl the test class is skipped with a message, or fails when {@code CI=true}.
 * Close it to kill every background process it started and remove its files.
 */
public final class Kubectl implements AutoCloseable {

    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final Pattern SERVER = Pattern.compile("(?m)^(\\s*server:\\s*).*$");

    private final Path binary;
    private final Path work;
    private final Path kubeconfig;
    private final Path cacheDir;
    private final AtomicInteger runs = new AtomicInteger();
    private final List<Background> started = new ArrayList<>();

    private Kubectl(Path binary, Path work, Path kubeconfig, Path cacheDir) {
        this.binary = binary;
        this.work = work;
        this.kubeconfig = kubeconfig;
        this.cacheDir = cacheDir;
    }

    /** A kubectl for admin of {@code cluster}; aborts (or, with {@code CI=true}, fails) when none is installed. */
    public static Kubectl against(TestCluster cluster) throws IOException {
        Path binary = onPath().orElse(null);
        if (binary == null) {
            String message = "KUBECTL MISSING: no kubectl on the PATH (" + System.getenv("PATH") + "); the kubectl"
                    + " integration tests need the real client (v1.32 dispatcher, e.g. /usr/bin/kubectl)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            System.err.println("*** " + message + " — SKIPPING ***");
            Assumptions.abort(message);
        }
        Path work = Files.createTempDirectory("kube4j-kubectl-");
        String original = Files.readString(cluster.pki().resolve("admin.kubeconfig"));
        Matcher server = SERVER.matcher(original);
        if (!server.find()) {
            throw new IllegalStateException("admin.kubeconfig has no server line:\n" + original);
        }
        String url = cluster.url().toString().replaceAll("/+$", "");
        Path kubeconfig = work.resolve("admin.kubeconfig");
        Files.writeString(kubeconfig, server.replaceAll(Matcher.quoteReplacement(server.group(1) + url)));
        return new Kubectl(binary, work, kubeconfig, Files.createDirectories(work.resolve("cache")));
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What one finished run printed, and a {@link #toString()} made for assertion messages. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public List<String> lines() {
            return stdout.lines().toList();
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n  exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    /** Writes {@code content} into this kubectl's work directory, for {@code -f}. */
    public Path file(String name, String content) throws IOException {
        return Files.writeString(work.resolve(name), content);
    }

    /** Runs kubectl to completion within {@link #DEADLINE}; a run that overstays is killed and fails the test. */
    public Result run(String... args) throws IOException, InterruptedException {
        Invocation invocation = invocation(args);
        Process process = invocation.start();
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            kill(process);
            throw new AssertionError("kubectl did not finish within " + DEADLINE + ": " + invocation.result(-1));
        }
        return invocation.result(process.exitValue());
    }

    /** Runs kubectl and asserts that it exited 0. */
    public Result ok(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }

    /** Starts a long-running kubectl (such as {@code get -w}); it is killed at the latest by {@link #close()}. */
    public Background start(String... args) throws IOException {
        Invocation invocation = invocation(args);
        Background background = new Background(invocation, invocation.start());
        synchronized (started) {
            started.add(background);
        }
        return background;
    }

    /** A kubectl that keeps running: what it printed so far, and {@link #close()} to kill it. */
    public final class Background implements AutoCloseable {
        private final Invocation invocation;
        private final Process process;

        private Background(Invocation invocation, Process process) {
            this.invocation = invocation;
            this.process = process;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Everything printed so far (exit code -1 while it runs). */
        public Result output() throws IOException {
            return invocation.result(process.isAlive() ? -1 : process.exitValue());
        }

        @Override
        public void close() {
            kill(process);
        }
    }

    private Invocation invocation(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--kubeconfig=" + kubeconfig);
        command.add("--cache-dir=" + cacheDir);
        command.addAll(List.of(args));
        int n = runs.incrementAndGet();
        return new Invocation(command, work.resolve("run-" + n + ".out"), work.resolve("run-" + n + ".err"));
    }

    private record Invocation(List<String> command, Path stdout, Path stderr) {
        Process start() throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = builder.environment();
            // only the kubeconfig we pass may count
            env.remove("KUBECONFIG");
            return builder.start();
        }

        Result result(int exitCode) throws IOException {
            return new Result(command, exitCode, read(stdout), read(stderr));
        }

        private static String read(Path file) throws IOException {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
    }

    /** The dispatcher may run the real build as a child: kill the children first, then it. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (started) {
            started.forEach(Background::close);
            started.clear();
        }
        try (var files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + work + ": " + e);
        }
    }
}
