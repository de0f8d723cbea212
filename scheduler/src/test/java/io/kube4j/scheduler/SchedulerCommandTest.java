package io.kube4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.daemon.Daemons;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad flags end with exit code 2 and one line saying what is wrong, before anything connects. */
class SchedulerCommandTest {

    @TempDir
    Path dir;
    final StringWriter err = new StringWriter();

    int run(Map<String, String> env, String... args) {
        CommandLine cli = Daemons.commandLine(new SchedulerCommand(), env);
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    String oneLine() {
        String text = err.toString().strip();
        assertThat(text.lines()).hasSize(1);
        return text;
    }

    @Test
    void withoutAKubeconfigItExitsTwo() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(oneLine()).startsWith("kube-scheduler: Missing required option: '--kubeconfig=FILE'");
    }

    @Test
    void aMissingKubeconfigFileExitsTwo() {
        assertThat(run(Map.of(), "--kubeconfig", dir.resolve("none").toString())).isEqualTo(2);
        assertThat(oneLine()).startsWith("kube-scheduler: --kubeconfig:");
    }

    @Test
    void aBadConfigFileExitsTwoNamingTheField() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "percentageOfNodesToScore: 200\n");
        assertThat(run(Map.of(), "--kubeconfig", "k", "--config", config.toString())).isEqualTo(2);
        assertThat(oneLine()).startsWith(
                "kube-scheduler: --config: percentageOfNodesToScore: must be 0 (adaptive) to 100, got 200");
    }

    @Test
    void anUnknownPluginInTheConfigFileExitsTwo() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"),
                "profiles: [{plugins: {score: {enabled: [{name: Magic}]}}}]\n");
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: false}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """);
        assertThat(run(Map.of(), "--kubeconfig", kubeconfig.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(oneLine()).contains("Magic is not a score plugin");
    }

    @Test
    void aPortOutOfRangeExitsTwo() {
        assertThat(run(Map.of(), "--kubeconfig", "k", "--secure-port", "70000")).isEqualTo(2);
        assertThat(oneLine()).contains("--secure-port must be 0 to 65535, got 70000");
    }

    @Test
    void flagsAlsoComeFromTheEnvironment() {
        assertThat(run(Map.of("KUBE4J_SECURE_PORT", "many"), "--kubeconfig", "k")).isEqualTo(2);
        assertThat(oneLine()).contains("--secure-port").contains("many");
    }

    @Test
    void anUnknownFlagExitsTwo() {
        assertThat(run(Map.of(), "--kubeconfig", "k", "--colour")).isEqualTo(2);
        assertThat(oneLine()).contains("Unknown option: '--colour'");
    }
}
