package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.testing.Kubectl;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.apps.Deployment;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import io.kube4j.controllermanager.util.Pods;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rollouts end to end: deployment, replicaset controllers, and the test playing every kubelet. */
@EtcdTest
class DeploymentIT {

    static ControllerCluster cluster;
    static ResourceClient<Deployment> deployments;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
        cluster.startManager("replicaset", "deployment");
        deployments = cluster.client(Deployment.KIND);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** Marks every live pod of {@code app} ready, as kubelets would, and samples the rollout's invariants. */
    final class Kubelets implements AutoCloseable {
        final List<String> violations = new CopyOnWriteArrayList<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        Kubelets(String ns, String app, int replicas, int maxSurge, int maxUnavailable) {
            thread = new Thread(() -> {
                while (running.get()) {
                    List<Pod> live = cluster.livePods(ns, "app=" + app);
                    long ready = live.stream().filter(Pods::isReady).count();
                    if (live.size() > replicas + maxSurge) {
                        violations.add("total " + live.size() + " > " + (replicas + maxSurge));
                    }
                    if (ready < replicas - maxUnavailable) {
                        violations.add("available " + ready + " < " + (replicas - maxUnavailable));
                    }
                    live.stream().filter(p -> !Pods.isReady(p)).forEach(p -> {
                        try {
                            cluster.markReady(p);
                        } catch (RuntimeException e) {
                            // deleted meanwhile
                        }
                    });
                }
            }, "kubelets");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }

    static boolean rolledOut(String ns, String name, int replicas) {
        Deployment d = deployments.get(ns, name);
        JsonNode s = d.status();
        return s.path("observedGeneration").asLong() >= d.metadata().generation()
                && s.path("updatedReplicas").asInt() == replicas && s.path("availableReplicas").asInt() == replicas
                && s.path("replicas").asInt() == replicas;
    }

    static Set<String> images(String ns, String app) {
        return cluster.livePods(ns, "app=" + app).stream()
                .map(p -> p.spec().path("containers").get(0).path("image").asText()).collect(Collectors.toSet());
    }

    static void setImage(String ns, String name, String image) {
        deployments.patch(ns, name, ResourceClient.STRATEGIC_MERGE_PATCH, Json.parse(
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"" + image + "\"}]}}}}"));
    }

    @Test
    void rollsFromV1ToV2WithinMaxSurgeAndMaxUnavailable() throws Exception {
        String ns = cluster.namespace("deploy-rolling");
        Deployment d = Objects.deployment(ns, "web", "web", 4, "web:v1");
        d.spec().putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate")
                .put("maxSurge", 1).put("maxUnavailable", 1);
        deployments.create(d);
        try (Kubelets kubelets = new Kubelets(ns, "web", 4, 1, 4)) {
            eventually().until(() -> rolledOut(ns, "web", 4));
        }
        try (Kubelets kubelets = new Kubelets(ns, "web", 4, 1, 1)) {
            setImage(ns, "web", "web:v2");
            eventually().until(() -> rolledOut(ns, "web", 4) && images(ns, "web").equals(Set.of("web:v2")));
            kubelets.close();
            assertThat(kubelets.violations).isEmpty();
        }
        Deployment done = deployments.get(ns, "web");
        assertThat(done.metadata().annotations()).containsEntry("deployment.kubernetes.io/revision", "2");
        List<ReplicaSet> sets = cluster.client(ReplicaSet.KIND).list(ns, ListRequest.ALL).items();
        assertThat(sets).hasSize(2).allSatisfy(rs -> assertThat(rs.metadata().name()).matches("web-[a-z0-9]+"));
        assertThat(sets).filteredOn(rs -> rs.spec().path("replicas").asInt() == 0).hasSize(1);
        assertThat(done.status().path("conditions").toString()).contains("NewReplicaSetAvailable", "MinimumReplicasAvailable");
    }

    @Test
    void kubectlRolloutStatusSeesTheRolloutFinish() throws Exception {
        String ns = cluster.namespace("deploy-kubectl");
        deployments.create(Objects.deployment(ns, "api", "api", 2, "api:v1"));
        try (Kubectl kubectl = Kubectl.against(cluster.cluster());
             Kubelets kubelets = new Kubelets(ns, "api", 2, 1, 2)) {
            kubectl.ok("-n", ns, "rollout", "status", "deployment/api", "--timeout=50s");
            setImage(ns, "api", "api:v2");
            kubectl.ok("-n", ns, "rollout", "status", "deployment/api", "--timeout=50s");
            assertThat(images(ns, "api")).containsExactly("api:v2");
        }
    }

    @Test
    void recreateStopsEveryOldPodBeforeStartingNewOnes() throws Exception {
        String ns = cluster.namespace("deploy-recreate");
        Deployment d = Objects.deployment(ns, "db", "db", 3, "db:v1");
        d.spec().putObject("strategy").put("type", "Recreate");
        deployments.create(d);
        try (Kubelets kubelets = new Kubelets(ns, "db", 3, 0, 3)) {
            eventually().until(() -> rolledOut(ns, "db", 3));
            List<Set<String>> seen = new CopyOnWriteArrayList<>();
            setImage(ns, "db", "db:v2");
            eventually().until(() -> {
                seen.add(images(ns, "db"));
                return rolledOut(ns, "db", 3) && images(ns, "db").equals(Set.of("db:v2"));
            });
            assertThat(seen).noneMatch(images -> images.size() > 1);
            assertThat(kubelets.violations).noneMatch(v -> v.startsWith("total"));
        }
    }

    @Test
    void keepsOnlyRevisionHistoryLimitOldReplicaSets() throws Exception {
        String ns = cluster.namespace("deploy-history");
        Deployment d = Objects.deployment(ns, "app", "app", 1, "app:v1");
        d.spec().put("revisionHistoryLimit", 1);
        deployments.create(d);
        try (Kubelets kubelets = new Kubelets(ns, "app", 1, 1, 1)) {
            for (String v : List.of("v2", "v3", "v4")) {
                eventually().until(() -> rolledOut(ns, "app", 1));
                setImage(ns, "app", "app:" + v);
            }
            eventually().until(() -> rolledOut(ns, "app", 1) && images(ns, "app").equals(Set.of("app:v4"))
                    && cluster.client(ReplicaSet.KIND).list(ns, ListRequest.ALL).items().size() == 2);
        }
        assertThat(deployments.get(ns, "app").metadata().annotations()).containsEntry("deployment.kubernetes.io/revision", "4");
    }

    static ReplicaSet replicaSetWithImage(String ns, String image) {
        return cluster.client(ReplicaSet.KIND).list(ns, ListRequest.ALL).items().stream()
                .filter(rs -> rs.spec().at("/template/spec/containers/0/image").asText().equals(image))
                .findFirst().orElseThrow(() -> new AssertionError("no replica set runs " + image));
    }

    @Test
    void rolloutUndoReturnsToTheOldReplicaSetAndHistoryListsEveryRevision() throws Exception {
        String ns = cluster.namespace("deploy-undo");
        deployments.create(Objects.deployment(ns, "x", "x", 2, "x:v1"));
        try (Kubectl kubectl = Kubectl.against(cluster.cluster());
             Kubelets kubelets = new Kubelets(ns, "x", 2, 1, 2)) {
            kubectl.ok("-n", ns, "rollout", "status", "deployment/x", "--timeout=50s");
            ReplicaSet v1 = replicaSetWithImage(ns, "x:v1");
            kubectl.ok("-n", ns, "set", "image", "deployment/x", "c=x:v2");
            kubectl.ok("-n", ns, "rollout", "status", "deployment/x", "--timeout=50s");

            Kubectl.Result history = kubectl.ok("-n", ns, "rollout", "history", "deployment/x");
            assertThat(history.lines()).as("%s", history).anyMatch(l -> l.matches("1\\s+<none>\\s*"))
                    .anyMatch(l -> l.matches("2\\s+<none>\\s*"));
            Kubectl.Result revision1 = kubectl.ok("-n", ns, "rollout", "history", "deployment/x", "--revision=1");
            assertThat(revision1.stdout()).as("%s", revision1).contains("x:v1").doesNotContain("x:v2");

            Kubectl.Result undo = kubectl.ok("-n", ns, "rollout", "undo", "deployment/x");
            assertThat(undo.stdout()).as("%s", undo).contains("deployment.apps/x rolled back");
            kubectl.ok("-n", ns, "rollout", "status", "deployment/x", "--timeout=50s");
            eventually().until(() -> rolledOut(ns, "x", 2) && images(ns, "x").equals(Set.of("x:v1")));

            // the v1 ReplicaSet came back as revision 3; no third ReplicaSet was made
            List<ReplicaSet> sets = cluster.client(ReplicaSet.KIND).list(ns, ListRequest.ALL).items();
            assertThat(sets).as("%s", sets.stream().map(rs -> rs.spec().path("template").toString()).toList()).hasSize(2);
            ReplicaSet back = replicaSetWithImage(ns, "x:v1");
            assertThat(back.metadata().uid()).isEqualTo(v1.metadata().uid());
            assertThat(back.spec().path("replicas").asInt()).isEqualTo(2);
            assertThat(back.metadata().annotations()).containsEntry("deployment.kubernetes.io/revision", "3")
                    .containsEntry("deployment.kubernetes.io/revision-history", "1");
            assertThat(replicaSetWithImage(ns, "x:v2").spec().path("replicas").asInt()).isZero();
            assertThat(deployments.get(ns, "x").metadata().annotations())
                    .containsEntry("deployment.kubernetes.io/revision", "3");
            Kubectl.Result after = kubectl.ok("-n", ns, "rollout", "history", "deployment/x");
            assertThat(after.lines()).as("%s", after).anyMatch(l -> l.matches("2\\s+<none>\\s*"))
                    .anyMatch(l -> l.matches("3\\s+<none>\\s*")).noneMatch(l -> l.matches("1\\s+<none>\\s*"));

            // restart stamps the template, so a fresh ReplicaSet replaces every pod with the same image
            Set<String> before = cluster.livePods(ns, "app=x").stream().map(p -> p.metadata().name()).collect(Collectors.toSet());
            Kubectl.Result restart = kubectl.ok("-n", ns, "rollout", "restart", "deployment/x");
            assertThat(restart.stdout()).as("%s", restart).contains("deployment.apps/x restarted");
            kubectl.ok("-n", ns, "rollout", "status", "deployment/x", "--timeout=50s");
            eventually().until(() -> rolledOut(ns, "x", 2) && cluster.livePods(ns, "app=x").stream()
                    .noneMatch(p -> before.contains(p.metadata().name())));
            assertThat(images(ns, "x")).containsExactly("x:v1");
            assertThat(cluster.client(ReplicaSet.KIND).list(ns, ListRequest.ALL).items()).hasSize(3);
            assertThat(deployments.get(ns, "x").metadata().annotations())
                    .containsEntry("deployment.kubernetes.io/revision", "4");
        }
    }

    @Test
    void scalingADeploymentScalesItsReplicaSet() throws Exception {
        String ns = cluster.namespace("deploy-scale");
        deployments.create(Objects.deployment(ns, "s", "s", 1, "s:v1"));
        try (Kubelets kubelets = new Kubelets(ns, "s", 5, 5, 5)) {
            eventually().until(() -> rolledOut(ns, "s", 1));
            deployments.scale(ns, "s", 3);
            eventually().until(() -> rolledOut(ns, "s", 3) && cluster.livePods(ns, "app=s").size() == 3);
            deployments.scale(ns, "s", 2);
            eventually().until(() -> rolledOut(ns, "s", 2) && cluster.livePods(ns, "app=s").size() == 2);
        }
    }
}
