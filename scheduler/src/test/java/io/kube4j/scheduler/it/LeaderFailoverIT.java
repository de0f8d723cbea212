package io.kube4j.scheduler.it;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.api.core.Event;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.WatchEvent;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.scheduler.testing.ClusterFixture;
import io.kube4j.scheduler.testing.SchedulerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two kube-scheduler processes elect a leader over the Lease kube-system/kube-scheduler. Only the
 * leader binds; when it is killed, the standby takes over within the lease duration and schedules
 * the pods that arrived meanwhile. A watch on every pod checks that no pod's node ever changes
 * once set, and no pod is reported Scheduled twice.
 */
@EtcdTest
class LeaderFailoverIT {

    static final String NS = "ha";
    static ClusterFixture fixture;
    static Path kubeconfig;
    final List<SchedulerProcess> processes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        fixture = ClusterFixture.start(etcd);
        fixture.namespace(NS);
        kubeconfig = fixture.kubeconfig("kube-scheduler");
        for (int i = 0; i < 4; i++) {
            fixture.createNode(node("node-" + i).allocatable("4", "8Gi", "110"));
        }
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @AfterEach
    void killProcesses() throws Exception {
        for (SchedulerProcess p : processes) {
            p.close();
        }
    }

    SchedulerProcess launch(String name) throws Exception {
        SchedulerProcess p = SchedulerProcess.launch(name, "--kubeconfig", kubeconfig.toString(), "--secure-port", "0");
        processes.add(p);
        return p;
    }

    static boolean leads(SchedulerProcess p) {
        return p.printed(line -> line.contains("became the leader of kube-system/kube-scheduler"));
    }

    void createPods(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            fixture.createPod(NS, pod(prefix + "-" + i).requests("100m", "100Mi"));
        }
    }

    void awaitAllBound(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() ->
                fixture.pods.listAll(NS, ListRequest.ALL).items().stream().allMatch(p -> !p.nodeName().isEmpty()));
    }

    @Test
    void theStandbyTakesOverAfterTheLeaderIsKilledAndNoPodIsBoundTwice() throws Exception {
        Map<String, String> nodeOf = new ConcurrentHashMap<>();
        List<String> rebinds = new CopyOnWriteArrayList<>();
        AutoCloseable watch = fixture.pods.watch(NS, ListRequest.ALL, (WatchEvent<Pod> e) -> {
            if (e.object() != null && !e.object().nodeName().isEmpty()) {
                String before = nodeOf.putIfAbsent(e.object().metadata().name(), e.object().nodeName());
                if (before != null && !before.equals(e.object().nodeName())) {
                    rebinds.add(e.object().metadata().name() + ": " + before + " → " + e.object().nodeName());
                }
            }
        }, error -> { });
        try {
            SchedulerProcess a = launch("a");
            SchedulerProcess b = launch("b");
            await().atMost(Duration.ofSeconds(60)).until(() -> leads(a) || leads(b));
            SchedulerProcess leader = leads(a) ? a : b;
            SchedulerProcess standby = leader == a ? b : a;

            createPods("before", 30);
            awaitAllBound(Duration.ofSeconds(30));
            assertThat(leads(standby)).as("the standby never leads while the leader lives").isFalse();

            leader.kill();
            createPods("during", 30); // nobody leads: they wait
            await().atMost(Duration.ofSeconds(30)).until(() -> leads(standby));
            awaitAllBound(Duration.ofSeconds(30));

            assertThat(nodeOf).hasSize(60);
            assertThat(rebinds).isEmpty();
            await().atMost(ClusterFixture.WAIT).until(() -> scheduledEvents().size() >= 30);
            assertThat(scheduledEvents().values()).allMatch(count -> count == 1);

            assertThat(standby.terminate(Duration.ofSeconds(20))).as("exit code after SIGTERM").isZero();
            assertThat(lease().map(Lease::holderIdentity)).as("the lease is released on a graceful stop").contains("");
        } finally {
            watch.close();
        }
    }

    /** Pod name → how many times a Scheduled event reports it (summing the events' counts). */
    static Map<String, Integer> scheduledEvents() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (Event e : fixture.events.listAll(NS, ListRequest.fields("reason=Scheduled")).items()) {
            counts.merge(e.json().path("involvedObject").path("name").asText(), e.json().path("count").asInt(1), Integer::sum);
        }
        return counts;
    }

    static Optional<Lease> lease() {
        return fixture.client(Lease.KIND).find("kube-system", "kube-scheduler");
    }
}
