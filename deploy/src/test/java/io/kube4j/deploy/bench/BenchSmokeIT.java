package io.kube4j.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged {@code kube4j-bench.jar --quick} as a user does and checks that every scenario
 * ran and wrote sane figures. No timing thresholds: the figures are for people, not for CI.
 */
class BenchSmokeIT {

    private static final Set<String> COUNTS = Set.of("creates failed", "events lost");

    @Test
    void quickRunMeasuresEveryScenarioAndWritesPositiveFiniteFigures() throws Exception {
        Path repo = Path.of(System.getProperty("kube4j.repo", "..")).toAbsolutePath().normalize();
        Path jar = repo.resolve("deploy/target/kube4j-bench.jar");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/etcd")), "no /usr/bin/etcd");
        assertThat(jar).exists();
        Path dir = Files.createTempDirectory("kube4j-bench-smoke-");
        Path results = dir.resolve("bench-results.json");
        Path log = dir.resolve("bench.log");

        Process bench = new ProcessBuilder(List.of("java", "-jar", jar.toString(), "--quick", "--repo", repo.toString(),
                "--out", results.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean finished = bench.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            bench.descendants().forEach(ProcessHandle::destroy);
            bench.destroy();
            bench.waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertThat(finished).as("kube4j-bench --quick finished; output:%n%s", output).isTrue();
        assertThat(bench.exitValue()).as("exit code; output:%n%s", output).isZero();

        JsonNode json = Json.parse(Files.readAllBytes(results));
        assertThat(json.path("problems")).isEmpty();
        Set<String> scenarios = new HashSet<>();
        for (JsonNode figure : json.path("figures")) {
            String name = figure.path("scenario").asText() + ": " + figure.path("figure").asText();
            scenarios.add(figure.path("scenario").asText());
            double value = figure.path("value").asDouble(Double.NaN);
            assertThat(Double.isFinite(value)).as("%s is a number: %s", name, figure).isTrue();
            if (COUNTS.contains(figure.path("figure").asText())) {
                assertThat(value).as(name).isGreaterThanOrEqualTo(0);
            } else {
                assertThat(value).as(name).isPositive();
            }
            if (figure.has("baseline")) {
                assertThat(figure.path("baseline").asDouble(Double.NaN)).as("baseline of " + name).isPositive().isFinite();
                assertThat(figure.path("ratio").asDouble(Double.NaN)).as("ratio of " + name).isPositive().isFinite();
            }
        }
        assertThat(scenarios).containsExactlyInAnyOrderElementsOf(BenchCommand.SCENARIOS);
    }
}
