package io.kube4j.apiserver.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dashboard's pure JavaScript helpers, tested by node's own runner (node is a build requirement). */
class DashboardScriptsTest {

    @Test
    void helperScriptsPassTheirNodeTests() throws Exception {
        Process node = new ProcessBuilder("node", "--test", Path.of("src", "test", "ui", "util.test.mjs").toString())
                .redirectErrorStream(true).start();
        String output;
        try {
            output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node --test finished").isTrue();
        } finally {
            node.destroyForcibly();
        }
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("# fail 0");
    }
}
