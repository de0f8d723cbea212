package io.kube4j.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.kubelet.node.NodeAgent;
import io.kube4j.kubelet.pod.Backoff;
import io.kube4j.kubelet.runtime.ContainerRuntimes;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kubelets register their nodes, keep them Ready and renew their leases. */
@EtcdTest
class KubeletNodeIT {

    /** The 500 fake nodes; change with -Dkube4j.fakeNodes=N. */
    static final int FAKE_NODES = Integer.getInteger("kube4j.fakeNodes", 500);

    static TestCluster cluster;
    static ApiClient admin;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
        admin = ApiClient.create(cluster.clientConfig("admin"));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void registersItsNodeReadyWithCapacityLabelsAndTaintsAndRenewsItsLease() throws Exception {
        KubeletOptions options = KubeletOptions.defaults(cluster.clientConfig("kubelet-n1"), "n1",
                        Files.createTempDirectory("kube4j-kubelet-"))
                .withNode(Map.of("tier", "edge"), List.of("dedicated=edge:NoSchedule"), 20, "2", "4Gi", "127.3.0.0/16", "127.0.0.1")
                .withTiming(new NodeAgent.Periods(Duration.ofMillis(500), Duration.ofMillis(500)), Backoff.DEFAULT);
        try (Kubelet kubelet = new Kubelet(options, Clock.systemUTC())) {
            kubelet.start();
            Node node = new ResourceClient<>(admin, Node.KIND).get("", "n1");
            assertThat(node.readyStatus()).isEqualTo("True");
            assertThat(node.metadata().labels()).containsEntry("kubernetes.io/hostname", "n1")
                    .containsEntry("kubernetes.io/os", "linux").containsEntry("tier", "edge");
            assertThat(node.status().path("capacity").path("pods").asText()).isEqualTo("20");
            assertThat(node.status().path("capacity").path("cpu").asText()).isEqualTo("2");
            assertThat(node.status().path("nodeInfo").path("kubeletVersion").asText()).isEqualTo("v1.32.0-kube4j");
            assertThat(node.status().path("nodeInfo").path("containerRuntimeVersion").asText()).isEqualTo("process://1");
            assertThat(node.status().path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt()).isZero();
            assertThat(node.spec().path("taints").get(0).path("effect").asText()).isEqualTo("NoSchedule");
            assertThat(node.status().path("addresses").get(0).path("address").asText()).isEqualTo("127.0.0.1");

            ResourceClient<Lease> leases = new ResourceClient<>(admin, Lease.KIND);
            String first = leases.get("kube-node-lease", "n1").renewTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> !leases.get("kube-node-lease", "n1").renewTime().equals(first));
            assertThat(leases.get("kube-node-lease", "n1").leaseDurationSeconds()).isEqualTo(40);
        }
    }

    @Test
    void aFakeKubeletKeepsFiveHundredNodesReady() throws Exception {
        KubeletOptions options = KubeletOptions.defaults(cluster.clientConfig("admin"), "fake",
                        Files.createTempDirectory("kube4j-kubelet-fake-"))
                .withRuntime(ContainerRuntimes.Type.FAKE, FAKE_NODES)
                .withTiming(NodeAgent.Periods.DEFAULT, Backoff.DEFAULT);
        try (Kubelet kubelet = new Kubelet(options, Clock.systemUTC())) {
            long started = System.nanoTime();
            kubelet.start();
            System.out.printf("%d fake nodes registered in %d ms%n", FAKE_NODES, (System.nanoTime() - started) / 1_000_000);
            ResourceClient<Node> nodes = new ResourceClient<>(admin, Node.KIND);
            ResourceClient<Lease> leases = new ResourceClient<>(admin, Lease.KIND);
            String before = leases.get("kube-node-lease", "fake-" + (FAKE_NODES - 1)).renewTime();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !leases.get("kube-node-lease", "fake-" + (FAKE_NODES - 1)).renewTime().equals(before));
            List<Node> fake = nodes.listAll("", ListRequest.ALL).items().stream()
                    .filter(n -> n.metadata().name().startsWith("fake-")).toList();
            assertThat(fake).hasSize(FAKE_NODES).allMatch(n -> n.readyStatus().equals("True"));
            assertThat(fake.get(0).status().path("nodeInfo").path("containerRuntimeVersion").asText()).isEqualTo("fake://1");
        }
    }
}
