package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.Quantity;
import io.kube4j.common.api.core.ResourceQuota;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quota usage follows the objects in the namespace; the apiserver's admission refuses what would pass the hard limit. */
@EtcdTest
class ResourceQuotaIT {

    static ControllerCluster cluster;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
        cluster.startManager("resourcequota");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static Pod sizedPod(String ns, String name) {
        Pod pod = Objects.pod(ns, name, "load");
        ObjectNode resources = ((ObjectNode) pod.spec().path("containers").get(0)).putObject("resources");
        resources.putObject("requests").put("cpu", "100m").put("memory", "64Mi");
        resources.putObject("limits").put("cpu", "500m").put("memory", "128Mi");
        return pod;
    }

    /** Runs every action at once (released together by a latch) and answers how many succeeded. */
    static int concurrently(List<Runnable> actions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(actions.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (Runnable action : actions) {
                results.add(pool.submit(() -> {
                    go.await();
                    action.run();
                    return true;
                }));
            }
            go.countDown();
            int ok = 0;
            for (Future<Boolean> result : results) {
                result.get(ControllerCluster.WAIT.toSeconds(), TimeUnit.SECONDS);
                ok++;
            }
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The usage the pods in {@code ns} really add up to, by quota resource, in milli-units. */
    static Map<String, Long> realUsage(String ns) {
        List<Pod> pods = cluster.pods.list(ns, ListRequest.ALL).items();
        Map<String, Long> used = new TreeMap<>();
        used.put("pods", 1000L * pods.size());
        for (String section : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                long total = 0;
                for (Pod pod : pods) {
                    total += Quantity.parse(pod.spec().at("/containers/0/resources/" + section + "/" + resource).asText())
                            .milliValue();
                }
                used.put(section + "." + resource, total);
            }
        }
        return used;
    }

    static Map<String, Long> recorded(String ns, String quota) {
        Map<String, Long> used = new TreeMap<>();
        cluster.client(ResourceQuota.KIND).get(ns, quota).status().path("used").properties()
                .forEach(e -> used.put(e.getKey(), Quantity.parse(e.getValue().asText()).milliValue()));
        return used;
    }

    /** Waits until the quota's {@code status.used} is what the pods add up to, and answers it. */
    static Map<String, Long> settled(String ns, String quota) {
        eventually().untilAsserted(() -> assertThat(recorded(ns, quota)).isEqualTo(realUsage(ns)));
        return recorded(ns, quota);
    }

    static long milli(String quantity) {
        return Quantity.parse(quantity).milliValue();
    }

    @Test
    void usageIsExactAfterFiftyConcurrentCreatesAndDeletesAndCreatesPastTheHardLimitAreRefused() throws Exception {
        String ns = cluster.namespace("quota-load");
        ResourceQuota quota = ResourceQuota.named(ns, "q");
        // exactly fifty of the pods below: 50 × 100m = 5 cpu, 50 × 64Mi = 3200Mi, 50 × 500m = 25, 50 × 128Mi = 6400Mi
        quota.spec().set("hard", Json.parse("{\"pods\":\"50\",\"requests.cpu\":\"5\",\"requests.memory\":\"3200Mi\","
                + "\"limits.cpu\":\"25\",\"limits.memory\":\"6400Mi\"}"));
        cluster.client(ResourceQuota.KIND).create(quota);
        eventually().until(() -> cluster.client(ResourceQuota.KIND).get(ns, "q").status().has("used"));

        List<Runnable> creates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "a" + i;
            creates.add(() -> cluster.pods.create(sizedPod(ns, name)));
        }
        assertThat(concurrently(creates)).isEqualTo(50);
        assertThat(settled(ns, "q")).isEqualTo(Map.of("pods", milli("50"), "requests.cpu", milli("5"),
                "requests.memory", milli("3200Mi"), "limits.cpu", milli("25"), "limits.memory", milli("6400Mi")));

        ApiException refused = catchThrowableOfType(() -> cluster.pods.create(sizedPod(ns, "one-too-many")), ApiException.class);
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.status().message()).contains("exceeded quota: q", "pods=1");
        assertThat(cluster.pods.find(ns, "one-too-many")).isEmpty();

        // 25 deletes, then 25 deletes racing 25 creates (which fit whatever the quota has recounted so far)
        List<Runnable> deletes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String name = "a" + i;
            deletes.add(() -> cluster.pods.delete(ns, name));
        }
        assertThat(concurrently(deletes)).isEqualTo(25);
        assertThat(settled(ns, "q")).containsEntry("pods", milli("25")).containsEntry("requests.cpu", milli("2500m"));
        List<Runnable> mixed = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String gone = "a" + (25 + i);
            String made = "b" + i;
            mixed.add(() -> cluster.pods.delete(ns, gone));
            mixed.add(() -> cluster.pods.create(sizedPod(ns, made)));
        }
        assertThat(concurrently(mixed)).isEqualTo(50);
        // 25 × (100m, 64Mi, 500m, 128Mi)
        assertThat(settled(ns, "q")).isEqualTo(Map.of("pods", milli("25"), "requests.cpu", milli("2500m"),
                "requests.memory", milli("1600Mi"), "limits.cpu", milli("12500m"), "limits.memory", milli("3200Mi")));

        List<Runnable> rest = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String name = "b" + i;
            rest.add(() -> cluster.pods.delete(ns, name));
        }
        assertThat(concurrently(rest)).isEqualTo(25);
        assertThat(settled(ns, "q")).allSatisfy((resource, amount) -> assertThat(amount).as(resource).isZero());
    }

    @Test
    void usedCountsPodsConfigMapsAndRequestedResources() {
        String ns = cluster.namespace("quota");
        ResourceQuota quota = ResourceQuota.named(ns, "q");
        quota.spec().set("hard", Json.parse("{\"pods\":\"10\",\"configmaps\":\"10\",\"requests.cpu\":\"2\","
                + "\"requests.memory\":\"1Gi\",\"limits.cpu\":\"4\"}"));
        var quotas = cluster.client(ResourceQuota.KIND);
        quotas.create(quota);
        for (int i = 0; i < 2; i++) {
            Pod pod = Objects.pod(ns, "p" + i, "q");
            ObjectNode resources = ((ObjectNode) pod.spec().path("containers").get(0)).putObject("resources");
            resources.putObject("requests").put("cpu", "100m").put("memory", "64Mi");
            resources.putObject("limits").put("cpu", "500m").put("memory", "64Mi");
            cluster.pods.create(pod);
        }
        for (int i = 0; i < 3; i++) {
            cluster.client(ConfigMap.KIND).create(ConfigMap.named(ns, "cm" + i));
        }
        int configMaps = cluster.client(ConfigMap.KIND).list(ns, ListRequest.ALL).items().size();
        eventually().untilAsserted(() -> {
            ObjectNode status = quotas.get(ns, "q").status();
            assertThat(status.path("hard").path("pods").asText()).isEqualTo("10");
            assertThat(status.path("used").path("pods").asText()).isEqualTo("2");
            assertThat(status.path("used").path("configmaps").asText()).isEqualTo(Integer.toString(configMaps));
            assertThat(status.path("used").path("requests.cpu").asText()).isEqualTo("200m");
            assertThat(status.path("used").path("requests.memory").asText()).isEqualTo("128Mi");
            assertThat(status.path("used").path("limits.cpu").asText()).isEqualTo("1");
        });
        cluster.pods.delete(ns, "p0");
        eventually().until(() -> quotas.get(ns, "q").status().path("used").path("pods").asText().equals("1"));
    }
}
