package io.kube4j.apiserver.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.apiserver.auth.RequestAttributes;
import io.kube4j.apiserver.auth.UserInfo;
import io.kube4j.common.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    static AuditEvent event(int i) {
        RequestAttributes attributes = new RequestAttributes(new UserInfo("alice", "", List.of("dev")), "create", "",
                "v1", "configmaps", "", "ns", "cm" + i, true, "/api/v1/namespaces/ns/configmaps");
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        return new AuditEvent("id-" + i, attributes, "POST", "/api/v1/namespaces/ns/configmaps?padding=" + "x".repeat(400),
                "127.0.0.1", "kubectl", 201, now, now.plusMillis(3));
    }

    static long files(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        }
    }

    @Test
    void writesOneKubernetesAuditEventPerLine(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("audit.log");
        try (AuditLog log = new AuditLog(path, 100, 10, 0, Clock.systemUTC())) {
            log.record(event(1));
            log.record(event(2));
        }
        List<String> lines = Files.readAllLines(path);
        assertThat(lines).hasSize(2);
        var first = Json.parse(lines.get(0));
        assertThat(first.path("apiVersion").asText()).isEqualTo("audit.k8s.io/v1");
        assertThat(first.path("stage").asText()).isEqualTo("ResponseComplete");
        assertThat(first.path("user").path("username").asText()).isEqualTo("alice");
        assertThat(first.path("objectRef").path("name").asText()).isEqualTo("cm1");
        assertThat(first.path("responseStatus").path("code").asInt()).isEqualTo(201);
        assertThat(first.path("annotations").path("kube4j.io/latency-ms").asText()).isEqualTo("3");
    }

    @Test
    void rotatesPastTheSizeLimitAndKeepsOnlyMaxBackupFiles(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("audit.log");
        // ~1 KB per line: 1 MB limit → a rotation about every 1,000 events; 3,500 events → 3 rotations
        try (AuditLog log = new AuditLog(path, 1, 2, 0, Clock.systemUTC())) {
            for (int i = 0; i < 3_500; i++) {
                log.record(event(i));
            }
        }
        assertThat(Files.size(path)).isLessThanOrEqualTo(1024L * 1024);
        assertThat(files(dir)).as("the live file and at most 2 backups").isEqualTo(3);
    }
}
