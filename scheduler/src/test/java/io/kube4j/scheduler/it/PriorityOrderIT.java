package io.kube4j.scheduler.it;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.scheduler.config.SchedulerConfig;
import io.kube4j.scheduler.testing.ClusterFixture;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pods waiting together are tried highest priority first: with room for two, the two
 * high-priority pods get it although the low ones were created earlier.
 */
@EtcdTest
class PriorityOrderIT {

    static final String NS = "prio";
    static ClusterFixture fixture;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        fixture = ClusterFixture.start(etcd);
        fixture.namespace(NS);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void higherPriorityPodsWinTheLastCapacityOverOlderLowerPriorityOnes() throws Exception {
        fixture.createNode(node("only").allocatable("2", "8Gi", "110"));
        for (String name : List.of("low-1", "low-2", "low-3")) {
            fixture.createPod(NS, pod(name).priority(0).requests("1", "1Gi"));
        }
        for (String name : List.of("high-1", "high-2")) {
            fixture.createPod(NS, pod(name).priority(1000).requests("1", "1Gi"));
        }
        // the scheduler starts with all five pending: they enter the active queue together
        fixture.startScheduler(SchedulerConfig.DEFAULT);
        await().atMost(ClusterFixture.WAIT).until(() -> boundPods().size() == 2);
        for (String low : List.of("low-1", "low-2", "low-3")) {
            fixture.awaitUnschedulable(NS, low, "Unschedulable");
        }
        assertThat(boundPods()).containsExactly("high-1", "high-2");
    }

    static Set<String> boundPods() {
        Set<String> bound = new TreeSet<>();
        for (var pod : fixture.pods.listAll(NS, io.kube4j.common.client.ListRequest.ALL).items()) {
            if (!pod.nodeName().isEmpty()) {
                bound.add(pod.metadata().name());
            }
        }
        return bound;
    }
}
