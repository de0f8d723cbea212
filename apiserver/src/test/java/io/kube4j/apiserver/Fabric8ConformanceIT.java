package io.kube4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator written with the fabric8 kubernetes-client (JDK HttpClient, default settings
 * but for the connection) needs from kube4j, kept as a conformance suite: CRUD, every patch type
 * including server-side apply, WebSocket watches, an informer re-listing after 410 Expired,
 * fabric8's own LeaderElector on Leases, eviction, scale and bindings. Each test works in a
 * namespace of its own.
 */
@EtcdTest
class Fabric8ConformanceIT {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** A small watch cache, so that a few writes push an old resourceVersion out of it. */
    static final int WATCH_CACHE_SIZE = 20;

    static Etcd etcd;
    static TestCluster cluster;
    static TestClient admin;
    static KubernetesClient client;

    @BeforeAll
    static void start(Etcd testEtcd) throws Exception {
        etcd = testEtcd;
        cluster = TestCluster.start(etcd, Duration.ZERO, WATCH_CACHE_SIZE);
        admin = cluster.admin();
        client = new KubernetesClientBuilder().withConfig(Fabric8IT.config(cluster)).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static String namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().withData(data).build();
    }

    static Pod pod(String name) {
        return new PodBuilder()
                .withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec()
                .addNewContainer().withName("main").withImage("busybox:1.36").withCommand("sleep", "3600").endContainer()
                .endSpec()
                .build();
    }

    @Test
    void createGetListUpdateAndDeleteAConfigMap() {
        var configMaps = client.configMaps().inNamespace(namespace("c-crud"));

        ConfigMap created = configMaps.resource(configMap("cm", Map.of("k", "1"))).create();
        ConfigMap fetched = configMaps.withName("cm").get();
        fetched.getData().put("k", "2");
        ConfigMap updated = configMaps.resource(fetched).update();

        assertThat(created.getMetadata().getUid()).isEqualTo(fetched.getMetadata().getUid());
        assertThat(updated.getData()).containsEntry("k", "2");
        assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
        assertThat(updated.getMetadata().getManagedFields()).as("the manager named after fabric8's User-Agent")
                .extracting(m -> m.getManager() + " " + m.getOperation()).containsExactly("fabric8-kubernetes-client Update");
        assertThat(configMaps.list().getItems()).extracting(c -> c.getMetadata().getName()).contains("cm");
        assertThat(configMaps.withName("cm").delete()).hasSize(1);
        assertThat(configMaps.withName("cm").get()).isNull();
    }

    @Test
    void everyPatchTypeReachesTheStoredObject() {
        var configMaps = client.configMaps().inNamespace(namespace("c-patch"));
        configMaps.resource(configMap("cm", Map.of("a", "1"))).create();

        configMaps.withName("cm").patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/data/json\",\"value\":\"j\"}]");
        configMaps.withName("cm").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"merge\":\"m\"}}");
        configMaps.withName("cm").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\":{\"strategic\":\"s\"}}");
        configMaps.withName("cm").edit(c -> new ConfigMapBuilder(c).addToData("edit", "e").build());
        ConfigMap applied = configMaps.resource(configMap("cm", Map.of("applied", "x"))).fieldManager("f8-operator")
                .serverSideApply();

        assertThat(applied.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "json", "j", "merge", "m",
                "strategic", "s", "edit", "e", "applied", "x"));
        assertThat(applied.getMetadata().getManagedFields()).extracting(m -> m.getManager() + " " + m.getOperation())
                .contains("f8-operator Apply");
    }

    @Test
    void serverSideApplyCreatesConflictsAndForces() {
        var configMaps = client.configMaps().inNamespace(namespace("c-ssa"));

        configMaps.resource(configMap("cm", Map.of("k", "1"))).fieldManager("first").serverSideApply();
        var second = configMaps.resource(configMap("cm", Map.of("k", "2")));

        assertThatThrownBy(() -> second.fieldManager("second").serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getDetails().getCauses()).extracting(c -> c.getField()).containsExactly(".data.k");
                });
        assertThat(second.fieldManager("second").forceConflicts().serverSideApply().getData()).containsEntry("k", "2");
    }

    @Test
    void aWebSocketWatchDeliversItsFirstEventWithinASecond() throws Exception {
        var configMaps = client.configMaps().inNamespace(namespace("c-watch"));
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicReference<Long> firstEventAt = new AtomicReference<>();
        long start = System.nanoTime();

        try (Watch watch = configMaps.watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                firstEventAt.compareAndSet(null, System.nanoTime());
                events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            configMaps.resource(configMap("cm", Map.of("k", "1"))).create();
            configMaps.withName("cm").delete();

            await("ADDED and DELETED").atMost(DEADLINE).untilAsserted(() -> assertThat(events).containsExactly("ADDED cm", "DELETED cm"));
            Duration toFirstEvent = Duration.ofNanos(firstEventAt.get() - start);
            System.out.println("fabric8 watch: first event " + toFirstEvent.toMillis() + " ms after watch()");
            // the HTTP fallback alone costs fabric8 about half a second before it even asks again
            assertThat(toFirstEvent).isLessThan(Duration.ofSeconds(1));
        }
        await("the WebSocket watch to be counted").atMost(DEADLINE).untilAsserted(() ->
                assertThat(admin.get("/metrics").body().lines()
                        .filter(l -> l.startsWith("apiserver_request_total{") && l.contains("code=\"101\"")
                                && l.contains("resource=\"configmaps\""))).isNotEmpty());
    }

    @Test
    void anInformerReListsAfter410AndCatchesUp() throws Exception {
        String ns = namespace("c-relist");
        var configMaps = client.configMaps().inNamespace(ns);
        configMaps.resource(configMap("doomed", Map.of("k", "0"))).create();
        List<String> deletions = new CopyOnWriteArrayList<>();

        try (SharedIndexInformer<ConfigMap> informer = configMaps.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap cm) {
            }

            @Override
            public void onUpdate(ConfigMap old, ConfigMap cm) {
            }

            @Override
            public void onDelete(ConfigMap cm, boolean finalStateUnknown) {
                deletions.add(cm.getMetadata().getName() + (finalStateUnknown ? " (re-listed)" : " (watched)"));
            }
        })) {
            await("the informer to sync").atMost(DEADLINE).until(informer::hasSynced);

            // while this apiserver is down, another one on the same etcd changes more than its watch cache holds
            cluster.stop();
            try (TestCluster other = TestCluster.start(etcd, Duration.ZERO, WATCH_CACHE_SIZE)) {
                TestClient otherAdmin = other.admin();
                assertThat(otherAdmin.delete("/api/v1/namespaces/" + ns + "/configmaps/doomed").code()).isEqualTo(200);
                for (int i = 0; i < WATCH_CACHE_SIZE + 5; i++) {
                    assertThat(otherAdmin.post("/api/v1/namespaces/" + ns + "/configmaps",
                            configMap("born-" + i, Map.of("k", "1"))).code()).isEqualTo(201);
                }
            }
            cluster.startAgain();

            await("the informer to re-list").atMost(DEADLINE).untilAsserted(() -> {
                assertThat(informer.getStore().getByKey(ns + "/doomed")).isNull();
                assertThat(informer.getStore().list()).hasSize(WATCH_CACHE_SIZE + 5);
            });
            // a deletion the watch never carried is only learnt by listing again (handlers run after the store
            // is updated, on fabric8's own executor)
            await("the re-listed deletion to reach the handler").atMost(DEADLINE)
                    .untilAsserted(() -> assertThat(deletions).containsExactly("doomed (re-listed)"));
        }
    }

    @Test
    void fabric8sLeaderElectorHandsTheLeaseOver() {
        String ns = namespace("c-leader");
        List<String> leaders = new CopyOnWriteArrayList<>();
        CompletableFuture<?> first = elector(ns, "alpha", leaders).start();
        await("alpha to lead").atMost(DEADLINE).until(() -> leaders.contains("alpha started"));
        CompletableFuture<?> second = elector(ns, "beta", leaders).start();
        try {
            Lease lease = client.leases().inNamespace(ns).withName("f8-leader").get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("alpha");

            first.cancel(true);

            await("beta to take over").atMost(DEADLINE).until(() -> leaders.contains("beta started"));
            assertThat(client.leases().inNamespace(ns).withName("f8-leader").get().getSpec().getHolderIdentity())
                    .isEqualTo("beta");
        } finally {
            first.cancel(true);
            second.cancel(true);
        }
    }

    static io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector elector(String ns, String id, List<String> log) {
        LeaderElectionConfig config = new LeaderElectionConfigBuilder()
                .withName("f8-leader")
                .withLeaseDuration(Duration.ofSeconds(4))
                .withRenewDeadline(Duration.ofSeconds(3))
                .withRetryPeriod(Duration.ofMillis(300))
                .withReleaseOnCancel(true)
                .withLock(new LeaseLock(ns, "f8-leader", id))
                .withLeaderCallbacks(new LeaderCallbacks(() -> log.add(id + " started"), () -> log.add(id + " stopped"),
                        leader -> log.add("leader " + leader)))
                .build();
        return client.leaderElector().withConfig(config).build();
    }

    @Test
    void evictionDeletesThePodAndAMissingPodIs404() {
        var pods = client.pods().inNamespace(namespace("c-evict"));
        pods.resource(pod("evictee")).create();

        assertThat(pods.withName("evictee").evict()).isTrue();

        await("the pod to be gone").atMost(DEADLINE).until(() -> pods.withName("evictee").get() == null);
        assertThatThrownBy(() -> pods.withName("evictee").evict()).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void theScaleSubresourceSetsReplicasAndBumpsGeneration() {
        var deployments = client.apps().deployments().inNamespace(namespace("c-scale"));
        deployments.resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate()
                .endSpec().build()).create();

        deployments.withName("web").scale(4);

        Deployment scaled = deployments.withName("web").get();
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(4);
        assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2);
        assertThat(deployments.withName("web").scale().getSpec().getReplicas()).isEqualTo(4);
    }

    @Test
    void aBindingSetsTheNodeOnceAndASecondIsAConflict() {
        String ns = namespace("c-bind");
        var pods = client.pods().inNamespace(ns);
        pods.resource(pod("bound")).create();
        Binding binding = new BindingBuilder().withNewMetadata().withName("bound").endMetadata()
                .withNewTarget().withKind("Node").withApiVersion("v1").withName("n1").endTarget().build();

        client.bindings().inNamespace(ns).resource(binding).create();

        assertThat(pods.withName("bound").get().getSpec().getNodeName()).isEqualTo("n1");
        assertThatThrownBy(() -> client.bindings().inNamespace(ns).resource(binding).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }
}
