package io.kube4j.apiserver.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven through Playwright ({@code src/test/ui/driver.cjs}, run by the machine's
 * node with playwright-core from {@code target/ui-build}, which the Maven build installs). One JSON
 * command per line in, one JSON answer per line out; a failed command throws with the driver's message.
 */
final class Browser implements AutoCloseable {

    static final Path MODULES = Path.of("target", "ui-build", "node_modules");
    private static final Path DRIVER = Path.of("src", "test", "ui", "driver.cjs");
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(40);

    private final Process process;
    private final OutputStream commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();

    private Browser(Process process) {
        this.process = process;
        this.commands = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    replies.add(line);
                }
            } catch (IOException e) {
                // the driver exited
            }
            replies.add("{\"id\":-1,\"ok\":false,\"error\":\"the browser driver exited\"}");
        }, "browser-driver-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** What is missing to run a browser here (node, playwright-core, Chromium), or empty when all is present. */
    static Optional<String> missing() {
        List<String> gaps = new ArrayList<>();
        if (node().isEmpty()) {
            gaps.add("node is not on PATH");
        }
        if (!Files.isDirectory(MODULES.resolve("playwright-core"))) {
            gaps.add("playwright-core is not installed in " + MODULES.toAbsolutePath() + " (the build's npm ci puts it there)");
        }
        if (chromium().isEmpty()) {
            gaps.add("no Chromium executable (install the Debian package 'chromium', or set CHROMIUM=/path/to/chromium)");
        }
        return gaps.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", gaps));
    }

    static Optional<Path> chromium() {
        String configured = System.getenv("CHROMIUM");
        List<String> candidates = configured == null || configured.isBlank()
                ? List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
                : List.of(configured);
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static Optional<Path> node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "node");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts node with the driver and waits until Chromium is up; the driver's stderr goes to {@code log}. */
    static Browser launch(Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(node().orElseThrow().toString(), DRIVER.toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("NODE_PATH", MODULES.toAbsolutePath().toString());
        builder.environment().put("CHROMIUM", chromium().orElseThrow().toString());
        Browser browser = new Browser(builder.start());
        try {
            browser.await(0);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
        return browser;
    }

    /** Sends one command ({@code op} plus alternating field names and values) and returns the driver's value. */
    JsonNode send(String op, Object... fields) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode command = Json.object().put("id", id).put("op", op);
        for (int i = 0; i < fields.length; i += 2) {
            command.set((String) fields[i], Json.MAPPER.valueToTree(fields[i + 1]));
        }
        commands.write((Json.string(command) + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
        return await(id).path("value");
    }

    private JsonNode await(int id) throws InterruptedException {
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (true) {
            String line = replies.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("the browser driver did not answer command " + id + " within " + REPLY_TIMEOUT);
            }
            JsonNode reply;
            try {
                reply = Json.parse(line);
            } catch (RuntimeException notJson) {
                continue; // a stray line printed by a library
            }
            int replyId = reply.path("id").asInt();
            if (replyId != id && replyId != -1) {
                continue;
            }
            if (!reply.path("ok").asBoolean()) {
                throw new IllegalStateException("browser command " + id + " failed: " + reply.path("error").asText());
            }
            return reply;
        }
    }

    void goTo(String url) throws Exception {
        send("goto", "url", url);
    }

    void click(String selector) throws Exception {
        send("click", "selector", selector);
    }

    void fill(String selector, String value) throws Exception {
        send("fill", "selector", selector, "value", value);
    }

    void press(String selector, String key) throws Exception {
        send("press", "selector", selector, "key", key);
    }

    void waitVisible(String selector) throws Exception {
        send("waitVisible", "selector", selector);
    }

    void waitCount(String selector, int count) throws Exception {
        send("waitCount", "selector", selector, "count", count);
    }

    void waitText(String selector, String text) throws Exception {
        send("waitText", "selector", selector, "text", text);
    }

    String text(String selector) throws Exception {
        return send("text", "selector", selector).asText();
    }

    int count(String selector) throws Exception {
        return send("count", "selector", selector).asInt();
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        send("screenshot", "path", file.toAbsolutePath().toString(), "fullPage", true);
    }

    /** A new browser context: no cookies, no sessionStorage (a fresh login). */
    void newSession() throws Exception {
        send("newSession");
    }

    /** The page's console lines so far (for failure messages). */
    String console() throws Exception {
        return send("console").asText();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                send("close");
            }
        } catch (Exception e) {
            // the driver is gone already; make sure below
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
