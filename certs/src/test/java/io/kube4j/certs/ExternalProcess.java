package io.kube4j.certs;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs a real process with a deadline and collects its output; the process never outlives the call. */
final class ExternalProcess {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    record Result(int exitCode, String out, String err) {
    }

    private ExternalProcess() {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        try {
            // Read both streams concurrently so that a full pipe never blocks the child.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(command + " did not finish within " + DEADLINE);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * The tool's path; when it is missing the test is skipped, except on CI (CI=true), where a
     * missing tool is a broken build image and must fail.
     */
    static Path requireTool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve(name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(name + " is not on the PATH of this CI machine");
        }
        return Assumptions.abort(name + " is not on the PATH");
    }

    private static File nullFile() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
