package io.kube4j.kubelet;

import static io.kube4j.kubelet.KubeletHarness.container;
import static io.kube4j.kubelet.KubeletHarness.containerStatus;
import static io.kube4j.kubelet.KubeletHarness.shellPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.kubelet.runtime.ContainerRuntimes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The docker runtime against the real Docker daemon, running the image named by
 * {@code KUBE4J_BUSYBOX_IMAGE} (a local busybox; no registry is used). Skipped, loudly, where no
 * daemon answers; under {@code CI=true} a missing daemon fails instead. Every container the
 * kubelet makes carries its owner label, by which the tests remove them whatever happens.
 */
@EtcdTest
class KubeletDockerIT {

    static final String IMAGE = System.getenv().getOrDefault("KUBE4J_BUSYBOX_IMAGE", "kube4j/busybox:latest");

    static TestCluster cluster;
    static KubeletHarness harness;
    static DockerClient docker;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        if (!available) {
            String message = "KubeletDockerIT: NO DOCKER DAEMON REACHABLE (DOCKER_HOST or /var/run/docker.sock): "
                    + "the docker runtime is NOT tested";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true needs one)");
            }
            System.err.println("\n*** " + message + " ***\n");
            Assumptions.abort(message);
        }
        docker = DockerClientFactory.instance().client();
        cluster = TestCluster.start(etcd);
        harness = new KubeletHarness(cluster);
        harness.startKubelet(o -> o.withRuntime(ContainerRuntimes.Type.DOCKER, 0).withPodInfraImage(IMAGE));
    }

    @AfterAll
    static void stop() {
        try {
            if (harness != null) {
                harness.close();
            }
        } finally {
            if (docker != null && harness != null) {
                // whatever the kubelet left behind, even after a failure
                for (Container c : owned()) {
                    try {
                        docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                    } catch (com.github.dockerjava.api.exception.NotFoundException | com.github.dockerjava.api.exception.ConflictException gone) {
                        // removed meanwhile (by the stopping kubelet), or its removal is already in progress
                    }
                }
            }
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    static List<Container> owned() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.kube4j.owner", harness.rootDir.resolve("pods").toAbsolutePath().toString()))
                .exec();
    }

    static List<Container> containersOf(Pod pod) {
        return owned().stream().filter(c -> pod.metadata().uid().equals(c.getLabels().get("io.kube4j.pod-uid"))).toList();
    }

    static Pod dockerPod(String name, String restartPolicy, String script) {
        Pod pod = shellPod(name, restartPolicy, script);
        container(pod).put("image", IMAGE).put("imagePullPolicy", "IfNotPresent");
        return pod;
    }

    @Test
    void runsAPodAsDockerContainersInASandboxServesItsLogsAndRemovesThemOnDelete() throws Exception {
        Pod created = harness.create(dockerPod("hello", "Always", "echo hello; sleep 3600"));
        Pod running = harness.awaitPod("hello", KubeletHarness::running);
        assertThat(containerStatus(running).path("containerID").asText()).startsWith("docker://");
        String podIp = running.status().path("podIP").asText();
        assertThat(podIp).isNotEmpty().doesNotStartWith("127.");
        assertThat(containersOf(created)).extracting(c -> c.getLabels().get("io.kube4j.container"))
                .containsExactlyInAnyOrder("POD", "main");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(harness.kubeletGet("admin", "/containerLogs/default/hello/main").body()).isEqualTo("hello\n"));
        assertThat(harness.kubeletGet("admin", "/containerLogs/default/hello/main?timestamps=true").body())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z hello\n");
        assertThat(harness.kubeletGet("admin", "/containerLogs/default/hello/main?limitBytes=3").body()).isEqualTo("hel");

        ObjectNode grace = Json.object().put("gracePeriodSeconds", 1);
        harness.pods.delete("default", "hello", grace);
        harness.awaitGone("hello");
        await().atMost(Duration.ofSeconds(20)).until(() -> containersOf(created).isEmpty());
    }

    @Test
    void bindMountsVolumesPassesTheEnvironmentAndReportsTheExitCode() throws Exception {
        ConfigMap config = ConfigMap.named("default", "greeting");
        config.json().putObject("data").put("greeting", "hi from a configmap");
        new ResourceClient<>(harness.admin, ConfigMap.KIND).create(config);
        Pod pod = dockerPod("exits", "Never", "cat /etc/config/greeting; echo; echo $GREETING $POD_NAME; exit 3");
        pod.spec().putArray("volumes").addObject().put("name", "config").putObject("configMap").put("name", "greeting");
        container(pod).putArray("volumeMounts").addObject().put("name", "config").put("mountPath", "/etc/config");
        container(pod).putArray("env").addObject().put("name", "GREETING").put("value", "hello");
        container(pod).putObject("resources").putObject("limits").put("memory", "64Mi").put("cpu", "500m");
        harness.create(pod);

        Pod failed = harness.awaitPod("exits", p -> p.phase().equals("Failed"));
        ObjectNode terminated = (ObjectNode) containerStatus(failed).path("state").path("terminated");
        assertThat(terminated.path("exitCode").asInt()).isEqualTo(3);
        assertThat(terminated.path("reason").asText()).isEqualTo("Error");
        assertThat(harness.kubeletGet("admin", "/containerLogs/default/exits/main").body())
                .isEqualTo("hi from a configmap\nhello exits\n");
        String id = containerStatus(failed).path("containerID").asText().substring("docker://".length());
        var host = docker.inspectContainerCmd(id).exec().getHostConfig();
        assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        harness.deleteNow("exits");
    }

    @Test
    void reportsErrImagePullThenImagePullBackOffForAnImageNoRegistryHas() throws Exception {
        Pod pod = dockerPod("nope", "Always", "true");
        container(pod).put("image", "kube4j/no-such-image:1").put("imagePullPolicy", "Always");
        harness.create(pod);
        Pod pulling = harness.awaitPod("nope", p -> containerStatus(p) != null
                && containerStatus(p).path("state").path("waiting").path("reason").asText().equals("ErrImagePull"));
        assertThat(containerStatus(pulling).path("state").path("waiting").path("message").asText())
                .contains("kube4j/no-such-image:1");
        harness.awaitPod("nope", p -> containerStatus(p).path("state").path("waiting").path("reason").asText()
                .equals("ImagePullBackOff"));

        Pod never = dockerPod("never", "Always", "true");
        container(never).put("image", "kube4j/no-such-image:1").put("imagePullPolicy", "Never");
        harness.create(never);
        harness.awaitPod("never", p -> containerStatus(p) != null
                && containerStatus(p).path("state").path("waiting").path("reason").asText().equals("ErrImageNeverPull"));
        harness.deleteNow("nope");
        harness.deleteNow("never");
    }

    @Test
    void aRestartedKubeletAdoptsItsDockerContainersByLabel() throws Exception {
        harness.create(dockerPod("survivor", "Always", "sleep 3600"));
        String id = containerStatus(harness.awaitPod("survivor", KubeletHarness::running)).path("containerID").asText();
        harness.kubelet.close();
        harness.startKubelet(o -> o.withRuntime(ContainerRuntimes.Type.DOCKER, 0).withPodInfraImage(IMAGE));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> {
            Pod now = harness.pods.get("default", "survivor");
            return KubeletHarness.running(now) && containerStatus(now).path("containerID").asText().equals(id)
                    && containerStatus(now).path("restartCount").asInt() == 0;
        });
        harness.deleteNow("survivor");
    }

    @Test
    void aGracefulDeleteWaitsTheGracePeriodForAContainerIgnoringSigtermThenKillsIt() throws Exception {
        // PID 1 of a container ignores SIGTERM unless it handles it: only the SIGKILL after the grace ends it
        harness.create(dockerPod("stubborn", "Always", "sleep 3600"));
        harness.awaitPod("stubborn", KubeletHarness::running);
        long started = System.nanoTime();
        harness.pods.delete("default", "stubborn", Json.object().put("gracePeriodSeconds", 3));
        harness.awaitGone("stubborn");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(2900)).isLessThan(Duration.ofSeconds(15));

        harness.create(dockerPod("polite", "Always", "trap 'exit 0' TERM; while :; do sleep 0.1; done"));
        harness.awaitPod("polite", KubeletHarness::running);
        started = System.nanoTime();
        harness.pods.delete("default", "polite", Json.object().put("gracePeriodSeconds", 30));
        harness.awaitGone("polite");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void execProbesRunInsideTheContainer() throws Exception {
        // /kube4j-ready exists only inside the container: a probe run on the host would never see it
        Pod pod = dockerPod("gated", "Always", "sleep 4; touch /kube4j-ready; sleep 3600");
        ObjectNode probe = container(pod).putObject("readinessProbe");
        probe.putObject("exec").putArray("command").add("cat").add("/kube4j-ready");
        probe.put("periodSeconds", 1);
        harness.create(pod);
        harness.awaitPod("gated", KubeletHarness::running);
        assertThat(KubeletHarness.ready(harness.pods.get("default", "gated"))).isFalse();
        harness.awaitPod("gated", KubeletHarness::ready);
        harness.deleteNow("gated");
    }

    @Test
    @org.junit.jupiter.api.Disabled("flaky (2 of ~9 runs): after the first status the kubelet's pod worker sits idle for 40 s "
            + "with no sync error logged; under investigation. Restarts with back-off are covered by KubeletPodIT (process runtime).")
    void restartsAFailingContainerAsANewAttemptAndKeepsThePreviousLog() throws Exception {
        Pod created = harness.create(dockerPod("crashy", "OnFailure", "echo run at $(date +%s%N); exit 1"));
        harness.awaitPod("crashy", p -> containerStatus(p) != null && containerStatus(p).path("restartCount").asInt() >= 2);
        var previous = harness.kubeletGet("admin", "/containerLogs/default/crashy/main?previous=true");
        assertThat(previous.statusCode()).isEqualTo(200);
        assertThat(previous.body()).startsWith("run at ");
        // the latest two attempts and the sandbox; older attempts are removed
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(containersOf(created)).hasSizeLessThanOrEqualTo(3));
        harness.deleteNow("crashy");
    }

    @Test
    void runsThePreStopExecHookInsideTheContainerBeforeStoppingIt() throws Exception {
        java.nio.file.Path marks = java.nio.file.Files.createTempDirectory("kube4j-docker-prestop-");
        Pod pod = dockerPod("hooked", "Always", "trap 'echo term >> /marks/order; exit 0' TERM; while :; do sleep 0.1; done");
        pod.spec().putArray("volumes").addObject().put("name", "marks").putObject("hostPath").put("path", marks.toString());
        container(pod).putArray("volumeMounts").addObject().put("name", "marks").put("mountPath", "/marks");
        container(pod).putObject("lifecycle").putObject("preStop").putObject("exec").putArray("command")
                .add("sh").add("-c").add("echo prestop >> /marks/order");
        harness.create(pod);
        harness.awaitPod("hooked", KubeletHarness::running);
        harness.pods.delete("default", "hooked");
        harness.awaitGone("hooked");
        assertThat(java.nio.file.Files.readString(marks.resolve("order"))).isEqualTo("prestop\nterm\n");
    }
}
