package io.kube4j.kubelet;

import static io.kube4j.kubelet.KubeletHarness.container;
import static io.kube4j.kubelet.KubeletHarness.shellPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.kubelet.runtime.LogOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What changes while a pod runs: configMap volume contents, and the log as seen through time-based options. */
@EtcdTest
class KubeletLiveUpdateIT {

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
    void aRunningPodSeesItsConfigMapVolumeChangeWithinTheSyncPeriod() throws Exception {
        ResourceClient<ConfigMap> configMaps = new ResourceClient<>(harness.admin, ConfigMap.KIND);
        ConfigMap config = ConfigMap.named("default", "live");
        config.json().putObject("data").put("greeting", "v1");
        configMaps.create(config);
        Pod pod = shellPod("reader", "Always", "while :; do cat /etc/config/greeting; echo; sleep 0.3; done");
        pod.spec().putArray("volumes").addObject().put("name", "config").putObject("configMap").put("name", "live");
        container(pod).putArray("volumeMounts").addObject().put("name", "config").put("mountPath", "/etc/config");
        harness.create(pod);
        harness.awaitPod("reader", KubeletHarness::running);
        await().atMost(Duration.ofSeconds(10)).until(() -> log("reader", "").contains("v1\n"));

        ConfigMap current = configMaps.get("default", "live");
        current.json().putObject("data").put("greeting", "v2");
        Instant changed = Instant.now();
        configMaps.update(current);
        // the kubelet refreshes configMap volumes every 10 s
        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(200))
                .until(() -> log("reader", "").contains("v2\n"));
        System.out.println("configMap change seen by the process after " + Duration.between(changed, Instant.now()).toMillis() + " ms");
        harness.deleteNow("reader");
    }

    @Test
    void timestampsAndSinceTimeSelectLinesByWhenTheyWereWritten() throws Exception {
        harness.create(shellPod("clock", "Always", "echo first; sleep 2; echo second; sleep 3600"));
        harness.awaitPod("clock", KubeletHarness::running);
        await().atMost(Duration.ofSeconds(15)).until(() -> log("clock", "").equals("first\nsecond\n"));

        List<String> lines = log("clock", "timestamps=true").lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z (first|second)"));
        Instant first = Instant.parse(lines.get(0).substring(0, lines.get(0).indexOf(' ')));
        Instant second = Instant.parse(lines.get(1).substring(0, lines.get(1).indexOf(' ')));
        // two seconds apart, give or take the 100 ms sampling of the log size
        assertThat(Duration.between(first, second)).isBetween(Duration.ofMillis(1700), Duration.ofMillis(2500));

        String since = LogOptions.rfc3339Nano(second.minusMillis(500));
        assertThat(log("clock", "sinceTime=" + URLEncoder.encode(since, StandardCharsets.UTF_8))).isEqualTo("second\n");
        assertThat(log("clock", "sinceSeconds=3600")).isEqualTo("first\nsecond\n");
        assertThat(log("clock", "timestamps=true&limitBytes=4")).isEqualTo(lines.get(0).substring(0, 4));
        assertThat(harness.kubeletGet("admin", "/containerLogs/default/clock/main?sinceSeconds=1&sinceTime=" + since)
                .statusCode()).isEqualTo(400);
        harness.deleteNow("clock");
    }

    static String log(String pod, String query) throws Exception {
        var reply = harness.kubeletGet("admin", "/containerLogs/default/" + pod + "/main" + (query.isEmpty() ? "" : "?" + query));
        return reply.statusCode() == 200 ? reply.body() : "";
    }
}
