package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import io.kube4j.common.api.apps.Deployment;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.meta.OwnerReference;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cascading deletion: background, foreground and orphan, and owners that exist are never collected. */
@EtcdTest
class GarbageCollectorIT {

    static ControllerCluster cluster;
    static ResourceClient<ReplicaSet> replicaSets;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
        cluster.startManager("replicaset", "deployment", "garbagecollector");
        replicaSets = cluster.client(ReplicaSet.KIND);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static String policy(String name) {
        return "{\"propagationPolicy\":\"" + name + "\"}";
    }

    @Test
    void backgroundDeletionRemovesTheOwnerThenItsPods() {
        String ns = cluster.namespace("gc-background");
        replicaSets.create(Objects.replicaSet(ns, "web", "web", 2));
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 2);
        replicaSets.delete(ns, "web", Json.parse(policy("Background")));
        eventually().until(() -> cluster.pods(ns, "app=web").isEmpty());
    }

    @Test
    void foregroundDeletionKeepsTheOwnerUntilItsDependentsAreGone() {
        String ns = cluster.namespace("gc-foreground");
        var deployments = cluster.client(Deployment.KIND);
        deployments.create(Objects.deployment(ns, "api", "api", 2, "api:v1"));
        eventually().until(() -> cluster.livePods(ns, "app=api").size() == 2);
        deployments.delete(ns, "api", Json.parse(policy("Foreground")));
        assertThat(deployments.find(ns, "api")).hasValueSatisfying(d ->
                assertThat(d.metadata().finalizers()).contains("foregroundDeletion"));
        eventually().until(() -> deployments.find(ns, "api").isEmpty());
        assertThat(replicaSets.list(ns, ListRequest.ALL).items()).isEmpty();
        assertThat(cluster.pods(ns, "app=api")).isEmpty();
    }

    @Test
    void orphanDeletionLeavesThePodsWithoutOwner() {
        String ns = cluster.namespace("gc-orphan");
        replicaSets.create(Objects.replicaSet(ns, "web", "web", 2));
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 2);
        replicaSets.delete(ns, "web", Json.parse(policy("Orphan")));
        eventually().until(() -> replicaSets.find(ns, "web").isEmpty());
        eventually().until(() -> cluster.pods(ns, "app=web").stream().allMatch(p -> p.metadata().ownerReferences().isEmpty()));
        assertThat(cluster.pods(ns, "app=web")).hasSize(2);
    }

    @Test
    void collectsDependentsOfGoneOwnersButNeverOfLiveOnes() {
        String ns = cluster.namespace("gc-uids");
        ReplicaSet owner = replicaSets.create(Objects.replicaSet(ns, "owner", "owner", 0));
        var configMaps = cluster.client(ConfigMap.KIND);
        configMaps.create(owned(ns, "kept", "owner", owner.metadata().uid()));
        configMaps.create(owned(ns, "stale-uid", "owner", UUID.randomUUID().toString()));
        configMaps.create(owned(ns, "ghost", "ghost", UUID.randomUUID().toString()));
        eventually().until(() -> configMaps.find(ns, "ghost").isEmpty() && configMaps.find(ns, "stale-uid").isEmpty());
        assertThat(configMaps.find(ns, "kept")).isPresent();
    }

    static ConfigMap owned(String ns, String name, String owner, String uid) {
        ConfigMap cm = ConfigMap.named(ns, name);
        cm.metadata().addOwnerReference(new OwnerReference("apps/v1", "ReplicaSet", owner, uid, false, false));
        return cm;
    }
}
