package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.api.core.Event;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.ControllerManager;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two in-process controller managers electing over the Lease kube-system/kube-controller-manager. */
@EtcdTest
class LeaderElectionIT {

    static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    static ControllerCluster cluster;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** Pods created per reporting controller manager, from the SuccessfulCreate events. */
    static Map<String, Integer> createsByInstance(String ns) {
        Map<String, Integer> creates = new TreeMap<>();
        for (Event e : cluster.client(Event.KIND).list(ns, ListRequest.ALL).items()) {
            if (e.json().path("reason").asText().equals("SuccessfulCreate")) {
                creates.merge(e.json().path("reportingInstance").asText(), e.json().path("count").asInt(1), Integer::sum);
            }
        }
        return creates;
    }

    @Test
    void twoControllerManagersWithLeaderElectionNeverBothAct() throws Exception {
        String ns = cluster.namespace("elected");
        ControllerManager a = cluster.startElectedManager("cm-a", "replicaset");
        ControllerManager b = cluster.startElectedManager("cm-b", "replicaset");
        try (Sampler sampler = new Sampler(a, b)) {
            eventually().until(() -> a.isActive() || b.isActive());
            ControllerManager leader = a.isActive() ? a : b;
            ControllerManager standby = leader == a ? b : a;
            String leaderName = leader == a ? "cm-a" : "cm-b";
            String standbyName = leader == a ? "cm-b" : "cm-a";
            assertThat(cluster.client(Lease.KIND).get("kube-system", "kube-controller-manager").holderIdentity())
                    .isEqualTo(leaderName);

            cluster.client(ReplicaSet.KIND).create(Objects.replicaSet(ns, "web", "web", 3));
            eventually().until(() -> cluster.livePods(ns, "app=web").size() == 3);
            eventually().until(() -> createsByInstance(ns).equals(Map.of(leaderName, 3)));
            assertThat(standby.isActive()).isFalse();

            // the leader steps down; the standby takes the released lease at once, and only then acts
            leader.close();
            eventually().atMost(Duration.ofSeconds(20)).until(standby::isActive);
            assertThat(cluster.client(Lease.KIND).get("kube-system", "kube-controller-manager").holderIdentity())
                    .isEqualTo(standbyName);
            cluster.client(ReplicaSet.KIND).scale(ns, "web", 5);
            eventually().until(() -> cluster.livePods(ns, "app=web").size() == 5);
            eventually().until(() -> createsByInstance(ns).equals(Map.of(leaderName, 3, standbyName, 2)));
            assertThat(cluster.livePods(ns, "app=web")).hasSize(5);
            sampler.assertNeverBoth();
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aLeaderWhoseLeaseIsTakenStopsBeforeTheStandbyStarts() throws Exception {
        ControllerManager c = cluster.startElectedManager("cm-c", "replicaset");
        ControllerManager d = cluster.startElectedManager("cm-d", "replicaset");
        try (Sampler sampler = new Sampler(c, d)) {
            eventually().until(() -> c.isActive() || d.isActive());
            ControllerManager leader = c.isActive() ? c : d;
            ControllerManager standby = leader == c ? d : c;

            // someone else writes itself into the lease: the leader finds out at its next renewal (500 ms),
            // the standby takes the lease a lease duration (3 s) after it saw the intruder's renewal
            var leases = cluster.client(Lease.KIND);
            Lease stolen = leases.get("kube-system", "kube-controller-manager").deepCopy();
            stolen.spec().put("holderIdentity", "intruder").put("leaseDurationSeconds", 5)
                    .put("renewTime", MICRO_TIME.format(Instant.now()));
            leases.update(stolen);
            assertThat(leader.awaitStop()).isEqualTo(ControllerManager.Stop.LOST_LEADERSHIP);
            assertThat(leader.isActive()).isFalse();
            leader.close(); // as the command does: exit 1 on a lost lease
            eventually().until(standby::isActive);
            assertThat(leases.get("kube-system", "kube-controller-manager").holderIdentity())
                    .isEqualTo(standby == c ? "cm-c" : "cm-d");
            sampler.assertNeverBoth();
        } finally {
            c.close();
            d.close();
        }
    }

    /** Watches two managers from the side, every half millisecond, for a moment when both are active. */
    static final class Sampler implements AutoCloseable {
        private final AtomicBoolean sampling = new AtomicBoolean(true);
        private final AtomicInteger both = new AtomicInteger();
        private final AtomicInteger samples = new AtomicInteger();
        private final Thread thread;

        Sampler(ControllerManager a, ControllerManager b) {
            thread = new Thread(() -> {
                while (sampling.get()) {
                    samples.incrementAndGet();
                    if (a.isActive() && b.isActive()) {
                        both.incrementAndGet();
                    }
                    LockSupport.parkNanos(500_000); // the sampling cadence, not a wait for anything
                }
            }, "leader-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void assertNeverBoth() {
            assertThat(samples.get()).isGreaterThan(100);
            assertThat(both.get()).as("samples with both managers active").isZero();
        }

        @Override
        public void close() throws InterruptedException {
            sampling.set(false);
            thread.join(5_000);
        }
    }
}
