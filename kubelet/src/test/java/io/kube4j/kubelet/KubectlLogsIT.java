package io.kube4j.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.apiserver.server.ApiServerConfig;
import io.kube4j.apiserver.testing.Kubectl;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code kubectl logs}: the apiserver's pods/log proxies to this kubelet's /containerLogs over HTTPS. */
@EtcdTest
class KubectlLogsIT {

    static TestCluster cluster;
    static KubeletHarness harness;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd, config -> {
            Path pki = TestCluster.pkiOf(config);
            return config.withKubeletClient(new ApiServerConfig.KubeletClient(pki.resolve("apiserver-kubelet-client.crt"),
                    pki.resolve("apiserver-kubelet-client.key"), pki.resolve("ca.crt")));
        });
        harness = new KubeletHarness(cluster);
        harness.startKubelet();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
        cluster.close();
    }

    @Test
    void aPodsOutputReachesTheClientThroughTheApiserverAndKubectl() throws Exception {
        harness.create(KubeletHarness.shellPod("hello", "Always", "echo hello; echo world; sleep 3600"));
        harness.awaitPod("hello", KubeletHarness::running);
        TestClient admin = cluster.admin();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            TestClient.Reply log = admin.get("/api/v1/namespaces/default/pods/hello/log");
            assertThat(log.code()).as(log.body()).isEqualTo(200);
            assertThat(log.body()).isEqualTo("hello\nworld\n");
        });
        assertThat(admin.get("/api/v1/namespaces/default/pods/hello/log?tailLines=1").body()).isEqualTo("world\n");
        TestClient.Reply wrong = admin.get("/api/v1/namespaces/default/pods/hello/log?container=nope");
        assertThat(wrong.code()).isEqualTo(400);

        try (Kubectl kubectl = Kubectl.against(cluster)) {
            Kubectl.Result logs = kubectl.ok("logs", "hello", "-n", "default");
            assertThat(logs.stdout()).isEqualTo("hello\nworld\n");
            assertThat(kubectl.ok("logs", "hello", "-n", "default", "--timestamps").stdout().lines().toList())
                    .hasSize(2).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z (hello|world)"));
            assertThat(kubectl.ok("logs", "hello", "-n", "default", "--since=1h").stdout()).isEqualTo("hello\nworld\n");
            assertThat(kubectl.ok("logs", "hello", "-n", "default", "--limit-bytes=3").stdout()).isEqualTo("hel");
        }
        harness.deleteNow("hello");
    }
}
