package io.kube4j.kubelet;

import static io.kube4j.kubelet.KubeletHarness.container;
import static io.kube4j.kubelet.KubeletHarness.containerStatus;
import static io.kube4j.kubelet.KubeletHarness.shellPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.Secret;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parts of a pod spec the process runtime honours: init containers, environment, volumes, and what it refuses. */
@EtcdTest
class KubeletPodSpecIT {

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

    static String log(Pod pod) throws Exception {
        Path log = harness.kubelet.runtime().logFile(pod.metadata().uid(), "main", false).orElseThrow();
        return Files.readString(log);
    }

    @Test
    void runsInitContainersInOrderToCompletionBeforeTheContainers() throws Exception {
        Pod pod = shellPod("init", "Never", "cat $KUBE4J_VOLUME_WORK/steps");
        pod.spec().putArray("volumes").addObject().put("name", "work").putObject("emptyDir");
        ArrayNode init = pod.spec().putArray("initContainers");
        for (String step : new String[] {"first", "second"}) {
            ObjectNode c = init.addObject();
            c.put("name", step).put("image", "busybox");
            c.putArray("command").add("sh").add("-c").add("echo " + step + " >> $KUBE4J_VOLUME_WORK/steps");
        }
        harness.create(pod);
        Pod done = harness.awaitPod("init", p -> p.phase().equals("Succeeded"));
        assertThat(done.status().path("initContainerStatuses")).hasSize(2).allMatch(s ->
                s.path("state").path("terminated").path("reason").asText().equals("Completed"));
        await().atMost(Duration.ofSeconds(5)).until(() -> log(done).equals("first\nsecond\n"));
        harness.deleteNow("init");
    }

    @Test
    void givesTheProcessItsPodIdentityAndReferencedValuesInItsEnvironment() throws Exception {
        Secret secret = Secret.named("default", "creds");
        secret.json().putObject("data").put("password", Base64.getEncoder().encodeToString("s3cret".getBytes()));
        new ResourceClient<>(harness.admin, Secret.KIND).create(secret);
        Pod pod = shellPod("env", "Never", "echo $POD_NAME $POD_NAMESPACE $NS $PASSWORD $(GREETING) $POD_IP");
        ArrayNode env = container(pod).putArray("env");
        env.addObject().put("name", "NS").putObject("valueFrom").putObject("fieldRef").put("fieldPath", "metadata.namespace");
        env.addObject().put("name", "PASSWORD").putObject("valueFrom").putObject("secretKeyRef")
                .put("name", "creds").put("key", "password");
        env.addObject().put("name", "GREETING").put("value", "hi-$(POD_NAME)");
        harness.create(pod);
        Pod done = harness.awaitPod("env", p -> p.phase().equals("Succeeded"));
        String ip = done.status().path("podIP").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> log(done).equals("env default default s3cret hi-env " + ip + "\n"));
        harness.deleteNow("env");
    }

    @Test
    void aContainerWithoutCommandWaitsWithRunContainerErrorAndSaysWhy() {
        Pod pod = shellPod("imageonly", "Always", "unused");
        container(pod).remove("command");
        harness.create(pod);
        Pod waiting = harness.awaitPod("imageonly", p -> containerStatus(p) != null
                && containerStatus(p).path("state").path("waiting").path("reason").asText().equals("RunContainerError"));
        assertThat(waiting.phase()).isEqualTo("Pending");
        assertThat(containerStatus(waiting).path("state").path("waiting").path("message").asText()).contains("no command");
        harness.deleteNow("imageonly");
    }

    @Test
    void servesItsPodsToAdminsOnlyAndHealthToAnyone() throws Exception {
        harness.create(shellPod("listed", "Always", "sleep 3600"));
        harness.awaitPod("listed", KubeletHarness::running);
        assertThat(harness.kubeletGet("admin", "/pods").body()).contains("\"name\":\"listed\"");
        assertThat(harness.kubeletGet("apiserver-kubelet-client", "/pods").statusCode()).isEqualTo(200);
        assertThat(harness.kubeletGet(null, "/pods").statusCode()).isEqualTo(401);
        assertThat(harness.kubeletGet(null, "/healthz").body()).isEqualTo("ok");
        assertThat(harness.kubeletGet("admin", "/containerLogs/default/listed/nope").statusCode()).isEqualTo(404);
        harness.deleteNow("listed");
    }
}
