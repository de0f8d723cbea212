package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.ReplicationController;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ReplicaSet and ReplicationController controllers against a real apiserver. */
@EtcdTest
class ReplicaSetIT {

    static ControllerCluster cluster;
    static ResourceClient<ReplicaSet> replicaSets;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
        cluster.startManager("replicaset", "replicationcontroller");
        replicaSets = cluster.client(ReplicaSet.KIND);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void scalesUpToTheReplicasAndDownAgain() {
        String ns = cluster.namespace("rs-scale");
        replicaSets.create(Objects.replicaSet(ns, "web", "web", 3));
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 3);
        Pod first = cluster.livePods(ns, "app=web").get(0);
        assertThat(first.metadata().controllerRef()).hasValueSatisfying(ref -> {
            assertThat(ref.kind()).isEqualTo("ReplicaSet");
            assertThat(ref.blockOwnerDeletion()).isTrue();
        });
        replicaSets.scale(ns, "web", 5);
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 5);
        replicaSets.scale(ns, "web", 1);
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 1);
    }

    @Test
    void deletesUnreadyPodsBeforeReadyOnesWhenScalingDown() {
        String ns = cluster.namespace("rs-rank");
        replicaSets.create(Objects.replicaSet(ns, "web", "web", 3));
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 3);
        Pod keep = cluster.livePods(ns, "app=web").get(1);
        cluster.markReady(keep);
        // the controller must have seen the readiness before it picks whom to delete
        eventually().until(() -> replicaSets.get(ns, "web").status().path("readyReplicas").asInt() == 1);
        replicaSets.scale(ns, "web", 1);
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 1);
        assertThat(cluster.livePods(ns, "app=web").get(0).metadata().name()).isEqualTo(keep.metadata().name());
    }

    @Test
    void adoptsAMatchingOrphanInsteadOfCreatingAPod() {
        String ns = cluster.namespace("rs-adopt");
        cluster.pods.create(Objects.pod(ns, "orphan", "web"));
        replicaSets.create(Objects.replicaSet(ns, "web", "web", 2));
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 2
                && cluster.pods.get(ns, "orphan").metadata().controllerRef().isPresent());
        assertThat(cluster.pods.get(ns, "orphan").metadata().controllerRef().get().name()).isEqualTo("web");
    }

    @Test
    void releasesAPodWhoseLabelsStopMatchingAndReplacesIt() {
        String ns = cluster.namespace("rs-release");
        replicaSets.create(Objects.replicaSet(ns, "web", "web", 2));
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 2);
        Pod pod = cluster.livePods(ns, "app=web").get(0);
        cluster.pods.patch(ns, pod.metadata().name(), ResourceClient.MERGE_PATCH,
                Json.parse("{\"metadata\":{\"labels\":{\"app\":\"debug\"}}}"));
        eventually().until(() -> cluster.pods.get(ns, pod.metadata().name()).metadata().ownerReferences().isEmpty()
                && cluster.livePods(ns, "app=web").size() == 2);
    }

    @Test
    void reportsReadyAndAvailableReplicasInStatus() {
        String ns = cluster.namespace("rs-status");
        ReplicaSet created = replicaSets.create(Objects.replicaSet(ns, "web", "web", 3));
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 3);
        cluster.livePods(ns, "app=web").subList(0, 2).forEach(cluster::markReady);
        eventually().untilAsserted(() -> {
            var status = replicaSets.get(ns, "web").status();
            assertThat(status.path("replicas").asInt()).isEqualTo(3);
            assertThat(status.path("fullyLabeledReplicas").asInt()).isEqualTo(3);
            assertThat(status.path("readyReplicas").asInt()).isEqualTo(2);
            assertThat(status.path("availableReplicas").asInt()).isEqualTo(2);
            assertThat(status.path("observedGeneration").asLong()).isEqualTo(created.metadata().generation());
        });
    }

    @Test
    void neverCreatesMoreThanTheReplicasUnderABurstOfSyncs() throws Exception {
        String ns = cluster.namespace("rs-burst");
        replicaSets.create(Objects.replicaSet(ns, "web", "web", 20));
        AtomicInteger most = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            // each change is one more sync racing the informer's view of the pods just created
            poke(ns, i);
            most.accumulateAndGet(cluster.pods(ns, "app=web").size(), Math::max);
        }
        eventually().until(() -> {
            int n = cluster.pods(ns, "app=web").size();
            most.accumulateAndGet(n, Math::max);
            return n == 20;
        });
        assertThat(most.get()).isEqualTo(20);
    }

    /** One annotation change; the controller's status writes race it, so a conflict is simply retried. */
    static void poke(String ns, int i) {
        String patch = "{\"metadata\":{\"annotations\":{\"poke\":\"" + i + "\"}}}";
        eventually().ignoreException(ApiException.class).until(() -> {
            replicaSets.patch(ns, "web", ResourceClient.MERGE_PATCH, Json.parse(patch));
            return true;
        });
    }

    @Test
    void replicationControllersKeepTheirReplicasToo() {
        String ns = cluster.namespace("rc-scale");
        cluster.client(ReplicationController.KIND).create(Objects.replicationController(ns, "legacy", "legacy", 2));
        eventually().until(() -> cluster.livePods(ns, "app=legacy").size() == 2);
        eventually().until(() -> cluster.client(ReplicationController.KIND).get(ns, "legacy").status()
                .path("replicas").asInt() == 2);
    }
}
