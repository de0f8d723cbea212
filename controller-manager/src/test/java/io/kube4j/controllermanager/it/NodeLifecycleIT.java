package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.ControllerOptions;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node that stops renewing its Lease becomes Unknown and tainted, its pods are evicted after
 * their toleration and replaced by their ReplicaSet, and the taint goes when it comes back.
 * Short flags: monitor 500 ms, grace 4 s, eviction 6 s.
 */
@EtcdTest
class NodeLifecycleIT {

    static final DateTimeFormatter MICRO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    static ControllerCluster cluster;
    static ResourceClient<Node> nodes;
    static ResourceClient<Lease> leases;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
        cluster.startManager(List.of("nodelifecycle", "replicaset"), ControllerOptions.DEFAULT.withNodeTiming(
                Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(6), 10));
        nodes = cluster.client(Node.KIND);
        leases = cluster.client(Lease.KIND);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** Plays the kubelet's heartbeat: Lease renewal and a Ready condition, while {@code alive}. */
    static Thread heartbeat(String node, AtomicBoolean alive) {
        Thread t = new Thread(() -> {
            while (alive.get()) {
                beat(node);
                try {
                    Thread.sleep(500); // the heartbeat's own period, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heartbeat-" + node);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void beat(String node) {
        String now = MICRO.format(Instant.now());
        leases.patch("kube-node-lease", node, ResourceClient.MERGE_PATCH,
                Json.parse("{\"spec\":{\"renewTime\":\"" + now + "\"}}"));
        ObjectNode patch = Json.object();
        patch.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                .put("reason", "KubeletReady").put("lastHeartbeatTime", Instant.now().toString().replaceAll("\\.\\d+", ""))
                .put("lastTransitionTime", "2026-01-01T00:00:00Z");
        nodes.patchStatus("", node, ResourceClient.MERGE_PATCH, patch);
    }

    static Set<String> taints(String node) {
        return java.util.stream.StreamSupport.stream(nodes.get("", node).spec().path("taints").spliterator(), false)
                .map(t -> t.path("key").asText() + ":" + t.path("effect").asText()).collect(Collectors.toSet());
    }

    static String ready(String node) {
        for (JsonNode c : nodes.get("", node).status().path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText();
            }
        }
        return "";
    }

    @Test
    void evictsPodsFromANodeThatStopsRenewingItsLeaseAndUntaintsItWhenItReturns() throws Exception {
        nodes.create(Node.named("n1"));
        Lease lease = Lease.named("kube-node-lease", "n1");
        lease.spec().put("holderIdentity", "n1").put("leaseDurationSeconds", 40).put("renewTime", MICRO.format(Instant.now()));
        leases.create(lease);
        AtomicBoolean alive = new AtomicBoolean(true);
        Thread kubelet = heartbeat("n1", alive);

        String ns = cluster.namespace("nodes");
        ReplicaSet rs = Objects.replicaSet(ns, "web", "web", 2);
        ObjectNode podSpec = (ObjectNode) rs.spec().path("template").path("spec");
        podSpec.put("nodeName", "n1");
        podSpec.set("tolerations", Json.parse("[{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
                + "\"effect\":\"NoExecute\",\"tolerationSeconds\":6}]"));
        cluster.client(ReplicaSet.KIND).create(rs);
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 2);
        List<Pod> original = cluster.livePods(ns, "app=web");
        original.forEach(cluster::markReady);
        assertThat(taints("n1")).isEmpty();

        alive.set(false);
        kubelet.join();
        eventually().until(() -> ready("n1").equals("Unknown") && taints("n1").contains("node.kubernetes.io/unreachable:NoExecute"));
        eventually().until(() -> original.stream().allMatch(p ->
                cluster.pods.find(ns, p.metadata().name()).map(q -> !io.kube4j.controllermanager.util.Pods.isReady(q)
                        || q.metadata().isBeingDeleted()).orElse(true)));
        Set<String> originalNames = original.stream().map(p -> p.metadata().name()).collect(Collectors.toSet());
        eventually().until(() -> cluster.pods(ns, "app=web").stream().noneMatch(p -> originalNames.contains(p.metadata().name()))
                && cluster.livePods(ns, "app=web").size() == 2);

        alive.set(true);
        Thread back = heartbeat("n1", alive);
        eventually().until(() -> taints("n1").isEmpty() && ready("n1").equals("True"));
        alive.set(false);
        back.join();
    }
}
