package io.kube4j.apiserver.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Namespace;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.common.client.informer.SharedInformer;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Informers converge on the server's state through restarts, 410s and bursts of updates. */
@EtcdTest
class InformerIT {

    static TestCluster cluster;
    static ApiClient api;
    static ResourceClient<ConfigMap> configMaps;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd, Duration.ZERO, 50);
        api = ApiClient.create(cluster.clientConfig("admin"));
        configMaps = new ResourceClient<>(api, ConfigMap.KIND);
    }

    @AfterAll
    static void stop() {
        api.close();
        cluster.close();
    }

    static String namespace(String name) {
        new ResourceClient<>(api, Namespace.KIND).create(Namespace.named(name));
        return name;
    }

    static ConfigMap cm(String ns, String name, String value) {
        ConfigMap cm = ConfigMap.named(ns, name);
        cm.data().put("v", value);
        return cm;
    }

    /** name → data.v of the cache, and of a fresh list. */
    static Map<String, String> state(List<ConfigMap> items) {
        Map<String, String> out = new TreeMap<>();
        items.forEach(c -> out.put(c.metadata().name(), c.data().path("v").asText()));
        return out;
    }

    static void awaitConverged(SharedInformer<ConfigMap> informer, String ns) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(state(informer.lister().list(ns))).isEqualTo(state(configMaps.listAll(ns, ListRequest.ALL).items())));
    }

    @Test
    void convergesAfterTheApiserverRestartsMidWatch() throws Exception {
        String ns = namespace("inf-restart");
        for (int i = 0; i < 10; i++) {
            configMaps.create(cm(ns, "c" + i, "a"));
        }
        try (SharedInformer<ConfigMap> informer = new SharedInformer<>(configMaps, ns, ListRequest.ALL, Duration.ZERO)) {
            informer.start();
            assertThat(informer.awaitSynced(Duration.ofSeconds(10))).isTrue();
            assertThat(informer.lister().list(ns)).hasSize(10);

            cluster.restart();
            configMaps.create(cm(ns, "after", "b"));
            configMaps.delete(ns, "c0");
            ConfigMap c1 = configMaps.get(ns, "c1");
            c1.data().put("v", "changed");
            configMaps.update(c1);

            awaitConverged(informer, ns);
            assertThat(state(informer.lister().list(ns))).containsEntry("c1", "changed").containsKey("after").doesNotContainKey("c0");
        }
    }

    @Test
    void relistsAndReportsOnlyDifferencesWhenItsVersionWasCompactedAway() throws Exception {
        String ns = namespace("inf-compacted");
        configMaps.create(cm(ns, "kept", "1"));
        configMaps.create(cm(ns, "removed", "1"));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (SharedInformer<ConfigMap> informer = new SharedInformer<>(configMaps, ns, ListRequest.ALL, Duration.ZERO)) {
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(ConfigMap o) {
                    seen.add("add " + o.metadata().name());
                }

                @Override
                public void onUpdate(ConfigMap old, ConfigMap o) {
                    seen.add("update " + o.metadata().name());
                }

                @Override
                public void onDelete(ConfigMap o) {
                    seen.add("delete " + o.metadata().name());
                }
            });
            informer.start();
            assertThat(informer.awaitSynced(Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);

            // While the apiserver is down another writer changes etcd and compacts it: the informer's
            // version is gone, its watch gets 410 and it must re-list.
            cluster.stop();
            String prefix = cluster.etcdPrefix() + "/core/configmaps/" + ns + "/";
            try (Client etcd = Client.builder().endpoints(cluster.etcd().endpoints().toArray(String[]::new)).build()) {
                ConfigMap written = cm(ns, "written-directly", "2");
                written.metadata().json().put("uid", "11111111-2222-3333-4444-555555555555");
                etcd.getKVClient().put(bytes(prefix + "written-directly"), ByteSequence.from(Json.bytes(written.json()))).get(10, TimeUnit.SECONDS);
                etcd.getKVClient().delete(bytes(prefix + "removed")).get(10, TimeUnit.SECONDS);
                for (int i = 0; i < 60; i++) {
                    etcd.getKVClient().put(bytes(cluster.etcdPrefix() + "/filler/" + i), bytes("x")).get(10, TimeUnit.SECONDS);
                }
                long revision = etcd.getKVClient().get(bytes("x")).get(10, TimeUnit.SECONDS).getHeader().getRevision();
                etcd.getKVClient().compact(revision).get(10, TimeUnit.SECONDS);
            }
            seen.clear();
            cluster.startAgain();

            awaitConverged(informer, ns);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(seen).containsExactlyInAnyOrder("add written-directly", "delete removed"));
        }
    }

    @Test
    void aThousandRapidUpdatesArriveInOrderPerObjectAndNothingIsLost() throws Exception {
        String ns = namespace("inf-burst");
        int objects = 10;
        int updates = 100;
        for (int i = 0; i < objects; i++) {
            configMaps.create(cm(ns, "o" + i, "0"));
        }
        Map<String, List<Long>> versions = new ConcurrentHashMap<>();
        try (SharedInformer<ConfigMap> informer = new SharedInformer<>(configMaps, ns, ListRequest.ALL, Duration.ZERO)) {
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(ConfigMap o) {
                    record(o);
                }

                @Override
                public void onUpdate(ConfigMap old, ConfigMap o) {
                    record(o);
                }

                private void record(ConfigMap o) {
                    versions.computeIfAbsent(o.metadata().name(), k -> new CopyOnWriteArrayList<>())
                            .add(Long.parseLong(o.metadata().resourceVersion()));
                }
            });
            informer.start();
            assertThat(informer.awaitSynced(Duration.ofSeconds(10))).isTrue();

            ExecutorService pool = Executors.newFixedThreadPool(objects);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int i = 0; i < objects; i++) {
                    String name = "o" + i;
                    writers.add(pool.submit(() -> {
                        for (int u = 1; u <= updates; u++) {
                            configMaps.patch(ns, name, ResourceClient.MERGE_PATCH, Json.parse("{\"data\":{\"v\":\"" + u + "\"}}"));
                        }
                        return null;
                    }));
                }
                for (Future<?> w : writers) {
                    w.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            awaitConverged(informer, ns);
            assertThat(state(informer.lister().list(ns)).values()).containsOnly(Integer.toString(updates));
            for (Map.Entry<String, List<Long>> e : versions.entrySet()) {
                List<Long> seen = e.getValue();
                assertThat(seen).as("versions of %s in order", e.getKey()).isSorted().doesNotHaveDuplicates();
                assertThat(seen).as("every update of %s seen", e.getKey()).hasSize(updates + 1);
            }
        }
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
