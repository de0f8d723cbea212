package io.kube4j.kubelet;

import static io.kube4j.kubelet.KubeletHarness.pid;
import static io.kube4j.kubelet.KubeletHarness.shellPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kubelet executable: flags, a one-line failure, and a SIGTERM that leaves its pods running for the next kubelet. */
@EtcdTest
class KubeletProcessIT {

    static final Path JAR = Path.of("target", "kubelet.jar");

    static TestCluster cluster;
    static KubeletHarness harness;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
        harness = new KubeletHarness(cluster);
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static Process kubelet(Path log, String... flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", JAR.toString()));
        command.addAll(List.of(flags));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void exitsOneWithAOneLineReasonWhenTheApiserverCannotBeReached() throws Exception {
        String kubeconfig = Files.readString(cluster.pki().resolve("kubelet-n1.kubeconfig"));
        Path unreachable = Files.createTempFile("kube4j-kubeconfig-", ".yaml");
        int closedPort = KubeletHarness.freePort();
        Files.writeString(unreachable, kubeconfig.replaceAll("https://127\\.0\\.0\\.1:\\d+", "https://127.0.0.1:" + closedPort));
        Path log = Files.createTempFile("kube4j-kubelet-", ".log");
        Process process = kubelet(log, "--kubeconfig=" + unreachable, "--root-dir=" + harness.rootDir, "--port=0",
                "--hostname-override=n1");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("kubelet:")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("cannot start node n1");
    }

    /** Gone, or a zombie nobody reaps (an orphan whose new parent does not wait for it). */
    static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void leavesItsPodsRunningOnSigtermForTheNextKubeletToAdopt() throws Exception {
        Path kubeconfig = Files.createTempFile("kube4j-kubeconfig-", ".yaml");
        Files.writeString(kubeconfig, Files.readString(cluster.pki().resolve("kubelet-n1.kubeconfig"))
                .replaceAll("https://127\\.0\\.0\\.1:\\d+", cluster.url().toString().replaceAll("/$", "")));
        Path log = Files.createTempFile("kube4j-kubelet-", ".log");
        Process process = kubelet(log, "--kubeconfig=" + kubeconfig,
                "--root-dir=" + harness.rootDir, "--port=0", "--hostname-override=n1", "--pod-cidr=127.2.0.0/16",
                "--node-status-update-frequency=1s");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> new ResourceClient<>(harness.admin, Node.KIND)
                    .find("", "n1").map(n -> n.readyStatus().equals("True")).orElse(false));
            harness.create(shellPod("kept", "Always", "sleep 3600"));
            long pid = pid(harness.awaitPod("kept", KubeletHarness::running));
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(gone(pid)).isFalse();

            harness.startKubelet();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                    pid(harness.pods.get("default", "kept")) == pid && !gone(pid));
            harness.deleteNow("kept");
            await().atMost(Duration.ofSeconds(10)).until(() -> gone(pid));
        } finally {
            process.destroyForcibly();
        }
    }
}
