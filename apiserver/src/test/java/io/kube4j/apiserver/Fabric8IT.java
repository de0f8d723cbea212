package io.kube4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 kubernetes-client (JDK HttpClient, default settings but for the connection)
 * against a real apiserver: CRUD, every patch flavour it sends, watches, informers and the
 * scale and eviction subresources. Each test works in a namespace of its own.
 */
@EtcdTest
class Fabric8IT {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    static TestCluster cluster;
    static TestClient admin;
    static KubernetesClient client;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
        admin = cluster.admin();
        client = new KubernetesClientBuilder().withConfig(config(cluster)).build();
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

    /** admin's client certificate; the keys are EC P-256 in PKCS#8, hence the explicit algorithm. */
    static Config config(TestCluster cluster) throws Exception {
        Path pki = cluster.pki();
        return new ConfigBuilder()
                .withMasterUrl(cluster.url().toString())
                .withCaCertData(base64(pki.resolve("ca.crt")))
                .withClientCertData(base64(pki.resolve("admin.crt")))
                .withClientKeyData(base64(pki.resolve("admin.key")))
                .withClientKeyAlgo("EC")
                .build();
    }

    static String base64(Path file) throws Exception {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    static String namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    static Pod pod(String name, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec()
                .addNewContainer().withName("main").withImage("busybox:1.36").withCommand("sleep", "3600").endContainer()
                .endSpec()
                .build();
    }

    static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", value).build();
    }

    @Test
    void createsANamespaceAndListsItWithTheBuiltInOnes() {
        String ns = namespace("f8-namespace");

        assertThat(client.namespaces().withName(ns).get().getMetadata().getUid()).matches("[0-9a-f-]{36}");
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .contains(ns, "default", "kube-system", "kube-public", "kube-node-lease");
    }

    @Test
    void createsGetsUpdatesPatchesAndDeletesAPod() {
        String ns = namespace("f8-pod-crud");
        var pods = client.pods().inNamespace(ns);

        Pod created = pods.resource(pod("p", Map.of("app", "web"))).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getNamespace()).isEqualTo(ns);
        assertThat(created.getStatus().getPhase()).isEqualTo("Pending");

        Pod got = pods.withName("p").get();
        assertThat(got.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());

        // update(): GET + PUT carrying the resourceVersion
        got.getMetadata().getLabels().put("stage", "updated");
        Pod updated = pods.resource(got).update();
        assertThat(updated.getMetadata().getLabels()).containsEntry("stage", "updated");
        assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

        // edit(): a JSON patch computed from the difference
        Pod edited = pods.withName("p").edit(p -> new PodBuilder(p)
                .editMetadata().addToAnnotations("example.com/edited", "yes").endMetadata().build());
        assertThat(edited.getMetadata().getAnnotations()).containsEntry("example.com/edited", "yes");
        assertThat(edited.getMetadata().getLabels()).containsEntry("stage", "updated");

        // patch(String): strategic merge by default; containers merge by name, so the command stays
        Pod merged = pods.withName("p").patch("{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1.37\"}]}}");
        assertThat(merged.getSpec().getContainers()).hasSize(1);
        assertThat(merged.getSpec().getContainers().get(0).getImage()).isEqualTo("busybox:1.37");
        assertThat(merged.getSpec().getContainers().get(0).getCommand()).containsExactly("sleep", "3600");

        // JSON merge patch: null deletes a key
        Pod mergePatched = pods.withName("p").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"stage\":null,\"merged\":\"true\"}}}");
        assertThat(mergePatched.getMetadata().getLabels()).containsEntry("merged", "true").doesNotContainKey("stage");

        assertThat(pods.withName("p").delete()).hasSize(1);
        await("pod p to be gone").atMost(DEADLINE).until(() -> pods.withName("p").get() == null);
    }

    @Test
    void aStaleUpdateIsAConflict() {
        String ns = namespace("f8-conflict");
        var configMaps = client.configMaps().inNamespace(ns);
        ConfigMap stale = configMaps.resource(configMap("c", "1")).create();
        configMaps.withName("c").edit(c -> new ConfigMapBuilder(c).addToData("k", "2").build());

        stale.getData().put("k", "3");
        assertThatThrownBy(() -> configMaps.resource(stale).update()).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(configMaps.withName("c").get().getData()).containsEntry("k", "2");
    }

    @Test
    void listsPodsByLabel() {
        String ns = namespace("f8-labels");
        var pods = client.pods().inNamespace(ns);
        pods.resource(pod("a1", Map.of("tier", "a"))).create();
        pods.resource(pod("a2", Map.of("tier", "a"))).create();
        pods.resource(pod("b1", Map.of("tier", "b"))).create();

        assertThat(pods.withLabel("tier", "a").list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("a1", "a2");
        assertThat(pods.withLabel("tier").list().getItems()).hasSize(3);
        assertThat(pods.withoutLabel("tier", "a").list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactly("b1");
        assertThat(pods.withLabelIn("tier", "a", "b").list().getItems()).hasSize(3);
    }

    @Test
    void aWatchOnOneConfigMapSeesItAddedModifiedAndDeleted() {
        String ns = namespace("f8-watch");
        var configMaps = client.configMaps().inNamespace(ns);
        configMaps.resource(configMap("other", "x")).create();
        List<String> events = new CopyOnWriteArrayList<>();
        List<WatcherException> closes = new CopyOnWriteArrayList<>();

        Watch watch = configMaps.withName("cm").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(action + " " + resource.getMetadata().getName() + " " + resource.getData().get("k"));
            }

            @Override
            public void onClose(WatcherException cause) {
                closes.add(cause);
            }
        });
        try {
            configMaps.resource(configMap("cm", "1")).create();
            configMaps.withName("cm").edit(c -> new ConfigMapBuilder(c).addToData("k", "2").build());
            configMaps.withName("cm").delete();
            configMaps.withName("other").edit(c -> new ConfigMapBuilder(c).addToData("k", "y").build());

            await("ADDED, MODIFIED and DELETED of cm").atMost(DEADLINE)
                    .untilAsserted(() -> assertThat(events).containsExactly("ADDED cm 1", "MODIFIED cm 2", "DELETED cm 2"));
            assertThat(closes).isEmpty();
        } finally {
            watch.close();
        }
    }

    @Test
    void anInformerSyncsAndSeesAddUpdateAndDelete() {
        String ns = namespace("f8-informer");
        var configMaps = client.configMaps().inNamespace(ns);
        configMaps.resource(configMap("before", "0")).create();
        List<String> seen = new CopyOnWriteArrayList<>();

        try (SharedIndexInformer<ConfigMap> informer = configMaps.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap cm) {
                seen.add("add " + cm.getMetadata().getName() + " " + cm.getData().get("k"));
            }

            @Override
            public void onUpdate(ConfigMap old, ConfigMap cm) {
                seen.add("update " + cm.getMetadata().getName() + " " + old.getData().get("k") + "->" + cm.getData().get("k"));
            }

            @Override
            public void onDelete(ConfigMap cm, boolean finalStateUnknown) {
                seen.add("delete " + cm.getMetadata().getName() + (finalStateUnknown ? " unknown" : ""));
            }
        })) {
            await("the informer to sync").atMost(DEADLINE).until(informer::hasSynced);
            assertThat(informer.getStore().getByKey(ns + "/before")).isNotNull();

            configMaps.resource(configMap("live", "1")).create();
            await("the informer to cache live").atMost(DEADLINE).until(() -> informer.getStore().getByKey(ns + "/live") != null);
            configMaps.withName("live").edit(c -> new ConfigMapBuilder(c).addToData("k", "2").build());
            await("the informer to cache the update").atMost(DEADLINE)
                    .until(() -> "2".equals(informer.getStore().getByKey(ns + "/live").getData().get("k")));
            configMaps.withName("live").delete();

            await("the informer to drop live").atMost(DEADLINE)
                    .untilAsserted(() -> assertThat(seen).containsExactly("add before 0", "add live 1", "update live 1->2", "delete live"));
            assertThat(informer.getStore().getByKey(ns + "/live")).isNull();
            assertThat(informer.getStore().list()).extracting(c -> c.getMetadata().getName()).containsExactly("before");
        }
    }

    @Test
    void scalingADeploymentSetsItsReplicas() {
        String ns = namespace("f8-scale");
        var deployments = client.apps().deployments().inNamespace(ns);
        Deployment created = deployments.resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate()
                .endSpec()
                .build()).create();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1);

        deployments.withName("web").scale(3);

        Deployment scaled = deployments.withName("web").get();
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);
        assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2);
        assertThat(deployments.withName("web").scale().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void leasesKeepTheirMicrosecondRenewTime() throws Exception {
        String ns = namespace("f8-lease");
        var leases = client.leases().inNamespace(ns);
        ZonedDateTime acquired = ZonedDateTime.parse("2026-11-25T07:42:48.990517Z");
        ZonedDateTime renewed = ZonedDateTime.parse("2026-11-25T07:42:58.000001Z");

        Lease created = leases.resource(new LeaseBuilder()
                .withNewMetadata().withName("leader").endMetadata()
                .withNewSpec().withHolderIdentity("a").withLeaseDurationSeconds(15)
                .withAcquireTime(acquired).withRenewTime(acquired).withLeaseTransitions(0).endSpec()
                .build()).create();
        assertThat(created.getSpec().getRenewTime()).isEqualTo(acquired);
        assertThat(stored(ns).path("renewTime").asText()).isEqualTo("2026-11-25T07:42:48.990517Z");

        Lease current = leases.withName("leader").get();
        current.getSpec().setHolderIdentity("b");
        current.getSpec().setRenewTime(renewed);
        current.getSpec().setLeaseTransitions(1);
        Lease updated = leases.resource(current).update();

        assertThat(updated.getSpec().getHolderIdentity()).isEqualTo("b");
        assertThat(updated.getSpec().getRenewTime()).isEqualTo(renewed);
        assertThat(updated.getSpec().getAcquireTime()).isEqualTo(acquired);
        JsonNode spec = stored(ns);
        assertThat(spec.path("renewTime").asText()).isEqualTo("2026-11-25T07:42:58.000001Z");
        assertThat(spec.path("acquireTime").asText()).isEqualTo("2026-11-25T07:42:48.990517Z");
        assertThat(spec.path("leaseTransitions").asInt()).isEqualTo(1);
    }

    static JsonNode stored(String ns) throws Exception {
        TestClient.Reply reply = admin.get("/apis/coordination.k8s.io/v1/namespaces/" + ns + "/leases/leader");
        assertThat(reply.code()).as(reply.body()).isEqualTo(200);
        return reply.json().path("spec");
    }

    @Test
    void evictingAnUnboundPodDeletesIt() {
        String ns = namespace("f8-evict");
        var pods = client.pods().inNamespace(ns);
        pods.resource(pod("evictee", Map.of("app", "web"))).create();

        assertThat(pods.withName("evictee").evict()).isTrue();

        await("pod evictee to be gone").atMost(DEADLINE).until(() -> pods.withName("evictee").get() == null);
        // fabric8 answers false only for 429; a pod that is gone is a 404
        assertThatThrownBy(() -> pods.withName("evictee").evict()).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(404));
    }
}
