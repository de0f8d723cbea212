package io.kube4j.kubelet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs one probe once: exec (exit 0), httpGet (status 200–399) or tcpSocket (connects), each
 * within {@code timeoutSeconds}. Blocks; thread-safe.
 */
final class Prober {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    boolean probe(JsonNode probe, ProbeTarget target) {
        Duration timeout = Duration.ofSeconds(Math.max(1, probe.path("timeoutSeconds").asInt(1)));
        try {
            if (probe.has("exec")) {
                return exec(probe.path("exec"), target, timeout);
            }
            if (probe.has("httpGet")) {
                return httpGet(probe.path("httpGet"), target, timeout);
            }
            if (probe.has("tcpSocket")) {
                return tcp(probe.path("tcpSocket"), target, timeout);
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean exec(JsonNode exec, ProbeTarget target, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        exec.path("command").forEach(c -> command.add(c.asText()));
        if (command.isEmpty()) {
            return false;
        }
        OptionalInt inside = target.inside().run(command, timeout);
        if (inside.isPresent()) {
            return inside.getAsInt() == 0;
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(target.env());
        builder.directory(target.workingDir().toFile());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    private boolean httpGet(JsonNode get, ProbeTarget target, Duration timeout) throws IOException, InterruptedException {
        String host = get.path("host").asText(target.podIp());
        String scheme = get.path("scheme").asText("HTTP").toLowerCase(java.util.Locale.ROOT);
        String path = get.path("path").asText("/");
        URI uri = URI.create(scheme + "://" + host + ":" + port(get.path("port"), target) + (path.startsWith("/") ? path : "/" + path));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        get.path("httpHeaders").forEach(h -> request.header(h.path("name").asText(), h.path("value").asText()));
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return status >= 200 && status < 400;
    }

    private static boolean tcp(JsonNode tcp, ProbeTarget target, Duration timeout) throws IOException {
        String host = tcp.path("host").asText(target.podIp());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port(tcp.path("port"), target)), (int) timeout.toMillis());
            return true;
        }
    }

    static int port(JsonNode port, ProbeTarget target) throws IOException {
        if (port.isInt() || port.asText().matches("\\d+")) {
            return port.asInt();
        }
        for (JsonNode p : target.ports()) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new IOException("no container port named " + port.asText());
    }
}
