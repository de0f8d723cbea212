package io.kube4j.kubelet;

import static io.kube4j.kubelet.KubeletHarness.container;
import static io.kube4j.kubelet.KubeletHarness.containerStatus;
import static io.kube4j.kubelet.KubeletHarness.pid;
import static io.kube4j.kubelet.KubeletHarness.ready;
import static io.kube4j.kubelet.KubeletHarness.running;
import static io.kube4j.kubelet.KubeletHarness.shellPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A process kubelet runs real processes for the pods bound to its node, against a real apiserver and etcd. */
@EtcdTest
class KubeletPodIT {

    static TestCluster cluster;
    static KubeletHarness harness;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
        harness = new KubeletHarness(cluster);
        harness.startKubelet();
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

    @Test
    void runsAPodThatLogsHelloAndServesTheLogOverHttps() throws Exception {
        harness.create(shellPod("hello", "Always", "echo hello; sleep 3600"));
        Pod pod = harness.awaitPod("hello", KubeletHarness::running);
        assertThat(pod.status().path("podIP").asText()).startsWith("127.1.");
        assertThat(pod.status().path("hostIP").asText()).isEqualTo("127.0.0.1");
        assertThat(ready(pod)).isTrue();
        Path log = harness.kubelet.runtime().logFile(pod.metadata().uid(), "main", false).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("hello"));

        var response = harness.kubeletGet("admin", "/containerLogs/default/hello/main?tailLines=5");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello\n");
        assertThat(harness.kubeletGet("kubelet-n2", "/containerLogs/default/hello/main").statusCode()).isEqualTo(403);
        assertThat(harness.kubeletGet("admin", "/metrics").body()).contains("kubelet_running_pods");

        long pid = pid(pod);
        harness.deleteNow("hello");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).isEmpty());
    }

    @Test
    void failsAPodWhoseOnlyContainerExitsThreeUnderRestartPolicyNever() {
        harness.create(shellPod("exit3", "Never", "exit 3"));
        Pod pod = harness.awaitPod("exit3", p -> p.phase().equals("Failed"));
        ObjectNode terminated = (ObjectNode) containerStatus(pod).path("state").path("terminated");
        assertThat(terminated.path("exitCode").asInt()).isEqualTo(3);
        assertThat(terminated.path("reason").asText()).isEqualTo("Error");
        assertThat(containerStatus(pod).path("restartCount").asInt()).isZero();
        harness.deleteNow("exit3");
    }

    @Test
    void restartsAFailingContainerUnderOnFailureAndCountsTheRestarts() {
        harness.create(shellPod("onfailure", "OnFailure", "exit 1"));
        Pod pod = harness.awaitPod("onfailure", p -> containerStatus(p) != null
                && containerStatus(p).path("restartCount").asInt() >= 2);
        assertThat(pod.phase()).isEqualTo("Running");
        assertThat(containerStatus(pod).path("lastState").path("terminated").path("exitCode").asInt()).isEqualTo(1);
        harness.deleteNow("onfailure");
    }

    @Test
    void restartsAContainerThatExitedZeroUnderAlways() {
        harness.create(shellPod("always", "Always", "echo once"));
        harness.awaitPod("always", p -> containerStatus(p) != null && containerStatus(p).path("restartCount").asInt() >= 1);
        harness.deleteNow("always");
    }

    @Test
    void gracefulDeleteWaitsTheGracePeriodThenKillsAProcessIgnoringSigterm() {
        harness.create(shellPod("stubborn", "Always", "trap '' TERM; sleep 3600"));
        Pod pod = harness.awaitPod("stubborn", KubeletHarness::running);
        long pid = pid(pod);
        Instant asked = Instant.now();
        harness.pods.delete("default", "stubborn");
        harness.awaitGone("stubborn");
        Duration took = Duration.between(asked, Instant.now());
        // terminationGracePeriodSeconds is 2: SIGTERM is ignored, so the SIGKILL comes after ~2 s
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1800));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void runsThePreStopHookBeforeSigterm() throws Exception {
        Path marks = Files.createTempDirectory("kube4j-prestop-");
        // the container records SIGTERM after the hook's mark: the order shows in the file
        Pod pod = shellPod("hooked", "Always", "trap 'echo term >> " + marks + "/order; exit 0' TERM; "
                + "while :; do sleep 0.1; done");
        container(pod).putObject("lifecycle").putObject("preStop").putObject("exec").putArray("command")
                .add("sh").add("-c").add("echo prestop >> " + marks + "/order");
        harness.create(pod);
        harness.awaitPod("hooked", KubeletHarness::running);
        harness.pods.delete("default", "hooked");
        harness.awaitGone("hooked");
        assertThat(Files.readString(marks.resolve("order"))).isEqualTo("prestop\nterm\n");
    }

    @Test
    void showsConfigMapVolumeContentToTheProcess() {
        ConfigMap cm = ConfigMap.named("default", "settings");
        cm.data().put("greeting", "bonjour");
        new ResourceClient<>(harness.admin, ConfigMap.KIND).create(cm);
        Pod pod = shellPod("reader", "Never", "cat /etc/config/greeting; cat $KUBE4J_VOLUME_CONFIG/greeting");
        pod.spec().putArray("volumes").addObject().put("name", "config").putObject("configMap").put("name", "settings");
        container(pod).putArray("volumeMounts").addObject().put("name", "config").put("mountPath", "/etc/config");
        harness.create(pod);
        Pod done = harness.awaitPod("reader", p -> p.phase().equals("Succeeded"));
        Path log = harness.kubelet.runtime().logFile(done.metadata().uid(), "main", false).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).equals("bonjour\nbonjour\n") || Files.readString(log).equals("bonjourbonjour"));
        harness.deleteNow("reader");
    }

    @Test
    void restartsAContainerWhoseLivenessProbeFailsAndCountsTheRestart() {
        Pod pod = shellPod("unhealthy", "Always", "sleep 3600");
        ObjectNode probe = container(pod).putObject("livenessProbe");
        probe.putObject("exec").putArray("command").add("false");
        probe.put("periodSeconds", 1).put("failureThreshold", 1);
        harness.create(pod);
        harness.awaitPod("unhealthy", p -> containerStatus(p) != null && containerStatus(p).path("restartCount").asInt() >= 1);
        harness.deleteNow("unhealthy");
    }

    @Test
    void readinessProbeTogglesTheReadyCondition() throws Exception {
        Path flag = Files.createTempFile("kube4j-ready-", ".flag");
        Pod pod = shellPod("gated", "Always", "sleep 3600");
        ObjectNode probe = container(pod).putObject("readinessProbe");
        probe.putObject("exec").putArray("command").add("test").add("-s").add(flag.toString());
        probe.put("periodSeconds", 1).put("failureThreshold", 1);
        harness.create(pod);
        harness.awaitPod("gated", p -> running(p) && !ready(p));
        Files.writeString(flag, "ok");
        harness.awaitPod("gated", KubeletHarness::ready);
        Files.writeString(flag, "");
        harness.awaitPod("gated", p -> !ready(p));
        harness.deleteNow("gated");
    }

    @Test
    void aRestartedKubeletAdoptsTheRunningPodInsteadOfStartingAnother() throws Exception {
        harness.create(shellPod("survivor", "Always", "sleep 3600"));
        long pid = pid(harness.awaitPod("survivor", KubeletHarness::running));
        harness.kubelet.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
        harness.startKubelet();
        // give the new kubelet a sync or two: the pod stays on the same process, counted once
        Pod pod = harness.awaitPod("survivor", p -> running(p) && pid(p) == pid);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
            Pod now = harness.pods.get("default", "survivor");
            return pid(now) == pid && containerStatus(now).path("restartCount").asInt() == 0;
        });
        assertThat(containerStatus(pod).path("restartCount").asInt()).isZero();
        harness.deleteNow("survivor");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).isEmpty());
    }
}
