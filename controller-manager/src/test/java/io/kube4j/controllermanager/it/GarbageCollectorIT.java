package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.apiserver.testing.Kubectl;
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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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

    static boolean ownedBy(io.kube4j.common.api.KubeObject object, String uid) {
        return object.metadata().ownerReferences().stream().anyMatch(r -> r.uid().equals(uid));
    }

    @Test
    void kubectlDeleteCascadeBackgroundRemovesTheDeploymentThenItsReplicaSetAndPods() throws Exception {
        String ns = cluster.namespace("kubectl-background");
        var deployments = cluster.client(Deployment.KIND);
        deployments.create(Objects.deployment(ns, "web", "web", 3, "web:v1"));
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 3);
        try (Kubectl kubectl = Kubectl.against(cluster.cluster())) {
            Kubectl.Result deleted = kubectl.ok("-n", ns, "delete", "deployment/web", "--cascade=background");
            assertThat(deleted.stdout()).as("%s", deleted).contains("deployment.apps \"web\" deleted");
        }
        assertThat(deployments.find(ns, "web")).isEmpty();
        eventually().until(() -> replicaSets.list(ns, ListRequest.ALL).items().isEmpty() && cluster.pods(ns, "app=web").isEmpty());
    }

    @Test
    void kubectlDeleteCascadeForegroundKeepsTheDeploymentUntilEveryDependentIsGone() throws Exception {
        String ns = cluster.namespace("kubectl-foreground");
        var deployments = cluster.client(Deployment.KIND);
        deployments.create(Objects.deployment(ns, "api", "api", 2, "api:v1"));
        eventually().until(() -> cluster.livePods(ns, "app=api").size() == 2);
        // a finalizer of ours holds one pod, and so its ReplicaSet, and so the deployment
        String held = cluster.livePods(ns, "app=api").get(0).metadata().name();
        cluster.pods.patch(ns, held, ResourceClient.MERGE_PATCH, Json.parse("{\"metadata\":{\"finalizers\":[\"kube4j.io/hold\"]}}"));
        String rsName = replicaSets.list(ns, ListRequest.ALL).items().get(0).metadata().name();
        try (Kubectl kubectl = Kubectl.against(cluster.cluster())) {
            kubectl.ok("-n", ns, "delete", "deployment/api", "--cascade=foreground", "--wait=false");
            assertThat(deployments.find(ns, "api")).hasValueSatisfying(d -> {
                assertThat(d.metadata().isBeingDeleted()).isTrue();
                assertThat(d.metadata().finalizers()).contains("foregroundDeletion");
            });
            // everything but the held pod goes; the ReplicaSet and the deployment wait for it
            eventually().until(() -> cluster.pods(ns, "app=api").size() == 1
                    && cluster.pods.get(ns, held).metadata().isBeingDeleted()
                    && replicaSets.get(ns, rsName).metadata().finalizers().contains("foregroundDeletion"));
            assertThat(deployments.find(ns, "api")).hasValueSatisfying(d ->
                    assertThat(d.metadata().finalizers()).contains("foregroundDeletion"));

            cluster.pods.patch(ns, held, ResourceClient.MERGE_PATCH, Json.parse("{\"metadata\":{\"finalizers\":null}}"));
            eventually().until(() -> deployments.find(ns, "api").isEmpty());
            assertThat(replicaSets.list(ns, ListRequest.ALL).items()).isEmpty();
            assertThat(cluster.pods(ns, "app=api")).isEmpty();
            Kubectl.Result gone = kubectl.run("-n", ns, "get", "deployment/api");
            assertThat(gone.exitCode()).as("%s", gone).isEqualTo(1);
        }
    }

    @Test
    void kubectlDeleteCascadeOrphanLeavesThePodsWithoutOwnerReferences() throws Exception {
        String ns = cluster.namespace("kubectl-orphan");
        String uid = replicaSets.create(Objects.replicaSet(ns, "web", "web", 3)).metadata().uid();
        eventually().until(() -> cluster.livePods(ns, "app=web").size() == 3);
        Set<String> pods = cluster.pods(ns, "app=web").stream().map(p -> p.metadata().name()).collect(Collectors.toSet());
        try (Kubectl kubectl = Kubectl.against(cluster.cluster())) {
            kubectl.ok("-n", ns, "delete", "replicaset/web", "--cascade=orphan");
        }
        assertThat(replicaSets.find(ns, "web")).isEmpty();
        eventually().until(() -> cluster.pods(ns, "app=web").stream().noneMatch(p -> ownedBy(p, uid)));
        assertThat(cluster.pods(ns, "app=web")).extracting(p -> p.metadata().name()).containsExactlyInAnyOrderElementsOf(pods)
                .hasSize(3);
        assertThat(cluster.pods(ns, "app=web")).allSatisfy(p -> {
            assertThat(p.metadata().ownerReferences()).isEmpty();
            assertThat(p.metadata().isBeingDeleted()).isFalse();
        });
    }

    @Test
    void kubectlDeleteCascadeOrphanOfADeploymentKeepsItsReplicaSetAndPods() throws Exception {
        String ns = cluster.namespace("kubectl-orphan-deploy");
        var deployments = cluster.client(Deployment.KIND);
        String uid = deployments.create(Objects.deployment(ns, "d", "d", 2, "d:v1")).metadata().uid();
        eventually().until(() -> cluster.livePods(ns, "app=d").size() == 2);
        try (Kubectl kubectl = Kubectl.against(cluster.cluster())) {
            kubectl.ok("-n", ns, "delete", "deployment/d", "--cascade=orphan");
        }
        assertThat(deployments.find(ns, "d")).isEmpty();
        eventually().until(() -> replicaSets.list(ns, ListRequest.ALL).items().stream().noneMatch(rs -> ownedBy(rs, uid)));
        ReplicaSet rs = replicaSets.list(ns, ListRequest.ALL).items().get(0);
        assertThat(rs.metadata().ownerReferences()).isEmpty();
        assertThat(cluster.livePods(ns, "app=d")).hasSize(2).allSatisfy(p -> assertThat(ownedBy(p, rs.metadata().uid())).isTrue());
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
