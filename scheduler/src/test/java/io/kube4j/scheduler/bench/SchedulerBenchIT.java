package io.kube4j.scheduler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark, tiny: it completes and its figures make sense (no timing thresholds). */
@EtcdTest
class SchedulerBenchIT {

    @Test
    void schedulesEveryPodAndReportsSaneFigures(Etcd etcd, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench.json");
        int code = SchedulerBench.run("--nodes", "20", "--pods", "200", "--clients", "8",
                "--etcd", etcd.endpointsFlag(), "--out", out.toString());
        assertThat(code).isZero();
        JsonNode results = Json.parse(Files.readString(out));
        assertThat(results.path("scheduled").asLong()).isEqualTo(200);
        assertThat(results.path("errors").asLong()).isZero();
        JsonNode throughput = results.path("throughputPodsPerSecond");
        assertThat(throughput.path("count").asInt()).isPositive();
        assertThat(throughput.path("average").asDouble()).isPositive();
        assertThat(throughput.path("p50").asDouble()).isLessThanOrEqualTo(throughput.path("p90").asDouble());
        assertThat(throughput.path("p90").asDouble()).isLessThanOrEqualTo(throughput.path("p99").asDouble());
        JsonNode latency = results.path("e2eLatencyMillis");
        assertThat(latency.path("count").asInt()).isEqualTo(200);
        assertThat(latency.path("p50").asDouble()).isPositive().isLessThanOrEqualTo(latency.path("p99").asDouble());
        assertThat(results.path("baselineBindingsPerSecond").asDouble()).isPositive();
    }
}
