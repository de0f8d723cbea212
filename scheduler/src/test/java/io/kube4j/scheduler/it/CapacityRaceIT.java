package io.kube4j.scheduler.it;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.scheduler.config.SchedulerConfig;
import io.kube4j.scheduler.testing.ClusterFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 200 pods created at once race for room for 100: exactly 100 are bound and no node takes more than it has. */
@EtcdTest
class CapacityRaceIT {

    static final String NS = "race";
    static final int NODES = 10;
    static final int PODS_PER_NODE = 10;
    static ClusterFixture fixture;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        fixture = ClusterFixture.start(etcd);
        fixture.namespace(NS);
        for (int i = 0; i < NODES; i++) {
            // room for 10 pods of 1 cpu / 1Gi on each node; the pod limit is not what binds
            fixture.createNode(node(String.format("node-%02d", i)).allocatable("10", "64Gi", "110"));
        }
        fixture.startScheduler(SchedulerConfig.DEFAULT.withClientRate(1000, 1000));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void twoHundredPodsRacingForCapacityForOneHundredNeverDoubleBookANode() throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(16);
        try {
            List<Future<Pod>> created = new ArrayList<>();
            for (int i = 0; i < 2 * NODES * PODS_PER_NODE; i++) {
                String name = String.format("racer-%03d", i);
                created.add(creators.submit(() -> fixture.createPod(NS, pod(name).requests("1", "1Gi"))));
            }
            for (Future<Pod> f : created) {
                f.get();
            }
        } finally {
            creators.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Pod> pods = fixture.pods.listAll(NS, ListRequest.ALL).items();
            long bound = pods.stream().filter(p -> !p.nodeName().isEmpty()).count();
            long refused = pods.stream().filter(p -> p.nodeName().isEmpty() && ClusterFixture.condition(p)
                    .map(c -> c.path("reason").asText().equals("Unschedulable")).orElse(false)).count();
            return bound == 100 && refused == 100;
        });
        Map<String, Integer> perNode = new HashMap<>();
        for (Pod pod : fixture.pods.listAll(NS, ListRequest.ALL).items()) {
            if (!pod.nodeName().isEmpty()) {
                perNode.merge(pod.nodeName(), 1, Integer::sum);
            }
        }
        assertThat(perNode).hasSize(NODES);
        assertThat(perNode.values()).allMatch(n -> n == PODS_PER_NODE);
        // and it stays that way: the refused pods are retried, never squeezed in
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                fixture.pods.listAll(NS, ListRequest.ALL).items().stream().filter(p -> !p.nodeName().isEmpty()).count() == 100);
    }
}
