package io.kube4j.apiserver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench end to end with tiny numbers: it finishes and its figures are sane (no timing thresholds). */
@EtcdTest
class ApiServerBenchIT {

    @Test
    void benchMeasuresEveryPhaseAndLosesNoWatchEvent(Etcd etcd, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench-results.json");

        int code = ApiServerBench.run("--quick", "--pods", "200", "--puts", "300", "--lists", "3",
                "--watchers", "10", "--watch-writes", "50", "--writers", "16",
                "--etcd", etcd.endpointsFlag(), "--out", out.toString());

        assertThat(code).isZero();
        JsonNode results = Json.parse(Files.readString(out));
        assertThat(results.path("etcdPuts").path("perSecond").asDouble()).isPositive();
        assertThat(results.path("etcdPuts").path("failures").asInt()).isZero();
        assertThat(results.path("podCreates").path("perSecond").asDouble()).isPositive();
        assertThat(results.path("podCreates").path("count").asInt()).isEqualTo(200);
        assertThat(results.path("ratio").asDouble()).isPositive();
        for (String list : new String[] {"listFromCache", "listFromEtcd"}) {
            assertThat(results.path(list).path("failures").asInt()).as(list).isZero();
            assertThat(results.path(list).path("p99Ms").asDouble()).as(list).isPositive();
        }
        JsonNode watch = results.path("watch");
        // 50 creates × 10 watchers
        assertThat(watch.path("expected").asLong()).isEqualTo(500);
        assertThat(watch.path("received").asLong()).isEqualTo(500);
        assertThat(watch.path("lost").asLong()).isZero();
        assertThat(watch.path("duplicates").asLong()).isZero();
        assertThat(watch.path("p99Ms").isNumber()).isTrue();
        assertThat(results.path("heap").path("apiserverMiB").asDouble()).isPositive();
        assertThat(results.path("targets")).hasSize(6);
        assertThat(results.path("problems")).isEmpty();
    }
}
