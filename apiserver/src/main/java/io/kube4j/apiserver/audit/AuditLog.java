package io.kube4j.apiserver.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.auth.RequestAttributes;
import io.kube4j.common.api.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one {@code audit.k8s.io/v1} Event per request as a JSON line, stage
 * ResponseComplete. When the file passes {@code maxSizeMb} it is renamed with a timestamp and a
 * new one started; old files beyond {@code maxBackups} or {@code maxAgeDays} are removed
 * (0 = keep). Thread-safe; a write failure is logged, never fails the request.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final DateTimeFormatter BACKUP_STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS").withZone(ZoneOffset.UTC);

    private final Path path;
    private final long maxBytes;
    private final int maxBackups;
    private final Duration maxAge;
    private final Clock clock;
    private BufferedWriter writer;
    private long written;

    public AuditLog(Path path, int maxSizeMb, int maxBackups, int maxAgeDays, Clock clock) throws IOException {
        this.path = path;
        this.maxBytes = maxSizeMb <= 0 ? Long.MAX_VALUE : maxSizeMb * 1024L * 1024L;
        this.maxBackups = maxBackups;
        this.maxAge = maxAgeDays <= 0 ? null : Duration.ofDays(maxAgeDays);
        this.clock = clock;
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        open();
    }

    private void open() throws IOException {
        writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        written = Files.size(path);
    }

    public void record(AuditEvent event) {
        String line = Json.string(toJson(event)) + "\n";
        synchronized (this) {
            try {
                if (written + line.length() > maxBytes && written > 0) {
                    rotate();
                }
                writer.write(line);
                writer.flush();
                written += line.getBytes(StandardCharsets.UTF_8).length;
            } catch (IOException e) {
                LOG.warn("audit log {}: {}", path, e.getMessage());
            }
        }
    }

    private void rotate() throws IOException {
        writer.close();
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        Path backup = path.resolveSibling(stem + "-" + BACKUP_STAMP.format(clock.instant()) + ext);
        Files.move(path, backup);
        prune(stem, ext);
        open();
    }

    private void prune(String stem, String ext) throws IOException {
        List<Path> backups = new ArrayList<>();
        try (Stream<Path> files = Files.list(path.toAbsolutePath().getParent())) {
            files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(stem + "-") && n.endsWith(ext) && !f.equals(path);
            }).forEach(backups::add);
        }
        backups.sort(Comparator.comparing(Path::toString).reversed());
        Instant cutoff = maxAge == null ? null : clock.instant().minus(maxAge);
        for (int i = 0; i < backups.size(); i++) {
            Path backup = backups.get(i);
            boolean tooMany = maxBackups > 0 && i >= maxBackups;
            boolean tooOld = cutoff != null && Files.getLastModifiedTime(backup).toInstant().isBefore(cutoff);
            if (tooMany || tooOld) {
                Files.deleteIfExists(backup);
            }
        }
    }

    static ObjectNode toJson(AuditEvent event) {
        RequestAttributes a = event.attributes();
        ObjectNode json = Json.object();
        json.put("kind", "Event");
        json.put("apiVersion", "audit.k8s.io/v1");
        json.put("level", "Metadata");
        json.put("auditID", event.auditId());
        json.put("stage", "ResponseComplete");
        json.put("requestURI", event.requestUri());
        json.put("verb", a.verb());
        ObjectNode user = json.putObject("user");
        user.put("username", a.user().name());
        if (!a.user().uid().isEmpty()) {
            user.put("uid", a.user().uid());
        }
        ArrayNode groups = user.putArray("groups");
        a.user().groups().forEach(groups::add);
        json.putArray("sourceIPs").add(event.sourceIp());
        if (event.userAgent() != null) {
            json.put("userAgent", event.userAgent());
        }
        if (a.resourceRequest()) {
            ObjectNode ref = json.putObject("objectRef");
            ref.put("resource", a.resource());
            if (!a.namespace().isEmpty()) {
                ref.put("namespace", a.namespace());
            }
            if (!a.name().isEmpty()) {
                ref.put("name", a.name());
            }
            ref.put("apiGroup", a.apiGroup());
            ref.put("apiVersion", a.apiVersion());
            if (!a.subresource().isEmpty()) {
                ref.put("subresource", a.subresource());
            }
        }
        json.putObject("responseStatus").put("code", event.code());
        json.put("requestReceivedTimestamp", DateTimeFormatter.ISO_INSTANT.format(event.received()));
        json.put("stageTimestamp", DateTimeFormatter.ISO_INSTANT.format(event.completed()));
        json.putObject("annotations").put("kube4j.io/latency-ms",
                Long.toString(Duration.between(event.received(), event.completed()).toMillis()));
        return json;
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
