package io.kube4j.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ResourceQuota admission on a real apiserver: exact counts under concurrent creates, compute resources, object counts. */
@EtcdTest
class ResourceQuotaIT {

    static TestCluster cluster;
    static TestClient admin;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd, c -> c);
        admin = cluster.admin();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static String namespaceWithQuota(String ns, String hard) throws Exception {
        assertThat(admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + ns + "\"}}")).code()).isEqualTo(201);
        TestClient.Reply quota = admin.post("/api/v1/namespaces/" + ns + "/resourcequotas",
                Json.parse("{\"metadata\":{\"name\":\"q1\"},\"spec\":{\"hard\":" + hard + "}}"));
        assertThat(quota.code()).as(quota.body()).isEqualTo(201);
        return ns;
    }

    static ObjectNode pod(String name, String cpu) {
        String resources = cpu == null ? "{}" : "{\"requests\":{\"cpu\":\"" + cpu + "\"},\"limits\":{\"cpu\":\"" + cpu + "\"}}";
        return (ObjectNode) Json.parse("""
                {"metadata":{"name":"%s"},"spec":{"containers":[{"name":"main","image":"busybox:1.36","resources":%s}]}}
                """.formatted(name, resources));
    }

    static JsonNode used(String ns) throws Exception {
        return admin.get("/api/v1/namespaces/" + ns + "/resourcequotas/q1").json().path("status").path("used");
    }

    @Test
    void admitsExactlyTheQuotaOfPodsUnderConcurrentCreates() throws Exception {
        String ns = namespaceWithQuota("quota-race", "{\"pods\":\"10\"}");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TestClient.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                ObjectNode pod = pod("p" + i, null);
                Callable<TestClient.Reply> create = () -> {
                    go.await();
                    return admin.post("/api/v1/namespaces/" + ns + "/pods", pod);
                };
                replies.add(pool.submit(create));
            }
            go.countDown();
            int created = 0;
            int refused = 0;
            for (Future<TestClient.Reply> reply : replies) {
                TestClient.Reply r = reply.get();
                if (r.code() == 201) {
                    created++;
                } else {
                    assertThat(r.code()).as(r.body()).isEqualTo(403);
                    assertThat(r.json().path("message").asText())
                            .endsWith("is forbidden: exceeded quota: q1, requested: pods=1, used: pods=10, limited: pods=10");
                    refused++;
                }
            }

            assertThat(created).isEqualTo(10);
            assertThat(refused).isEqualTo(10);
            assertThat(used(ns).path("pods").asText()).isEqualTo("10");
            assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods").json().path("items")).hasSize(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void chargesCpuRequestsAndLimitsAndAsksEveryContainerToStateThem() throws Exception {
        String ns = namespaceWithQuota("quota-cpu", "{\"requests.cpu\":\"1\",\"limits.cpu\":\"2\"}");

        TestClient.Reply unstated = admin.post("/api/v1/namespaces/" + ns + "/pods", pod("unstated", null));
        TestClient.Reply first = admin.post("/api/v1/namespaces/" + ns + "/pods", pod("first", "600m"));
        TestClient.Reply second = admin.post("/api/v1/namespaces/" + ns + "/pods", pod("second", "600m"));

        assertThat(unstated.code()).isEqualTo(403);
        assertThat(unstated.json().path("message").asText())
                .isEqualTo("pods \"unstated\" is forbidden: failed quota: q1: must specify limits.cpu,requests.cpu");
        assertThat(first.code()).as(first.body()).isEqualTo(201);
        assertThat(second.code()).isEqualTo(403);
        // 600m used + 600m requested > 1 core of requests; limits (1200m of 2) still fit
        assertThat(second.json().path("message").asText()).isEqualTo("pods \"second\" is forbidden: exceeded quota: q1,"
                + " requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1");
        assertThat(used(ns).path("requests.cpu").asText()).isEqualTo("600m");
        assertThat(used(ns).path("limits.cpu").asText()).isEqualTo("600m");
    }

    @Test
    void startsFromACountOfExistingObjectsWhenTheQuotaHasNoUsageYet() throws Exception {
        String ns = "quota-count";
        assertThat(admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + ns + "\"}}")).code()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(admin.post("/api/v1/namespaces/" + ns + "/configmaps", Json.parse("{\"metadata\":{\"name\":\"c" + i + "\"}}"))
                    .code()).isEqualTo(201);
        }
        assertThat(admin.post("/api/v1/namespaces/" + ns + "/resourcequotas",
                Json.parse("{\"metadata\":{\"name\":\"q1\"},\"spec\":{\"hard\":{\"count/configmaps\":\"4\",\"secrets\":\"0\"}}}"))
                .code()).isEqualTo(201);

        TestClient.Reply fourth = admin.post("/api/v1/namespaces/" + ns + "/configmaps", Json.parse("{\"metadata\":{\"name\":\"c3\"}}"));
        TestClient.Reply fifth = admin.post("/api/v1/namespaces/" + ns + "/configmaps", Json.parse("{\"metadata\":{\"name\":\"c4\"}}"));
        TestClient.Reply secret = admin.post("/api/v1/namespaces/" + ns + "/secrets", Json.parse("{\"metadata\":{\"name\":\"s\"}}"));
        TestClient.Reply service = admin.post("/api/v1/namespaces/" + ns + "/services",
                Json.parse("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"ports\":[{\"port\":80}]}}"));

        assertThat(fourth.code()).as(fourth.body()).isEqualTo(201);
        assertThat(fifth.json().path("message").asText()).isEqualTo("configmaps \"c4\" is forbidden: exceeded quota: q1,"
                + " requested: count/configmaps=1, used: count/configmaps=4, limited: count/configmaps=4");
        assertThat(secret.json().path("message").asText()).endsWith("exceeded quota: q1, requested: secrets=1, used: secrets=0,"
                + " limited: secrets=0");
        assertThat(service.code()).as(service.body()).isEqualTo(201);
        assertThat(used(ns).path("count/configmaps").asText()).isEqualTo("4");
    }

    @Test
    void doesNotChargeDryRuns() throws Exception {
        String ns = namespaceWithQuota("quota-dry", "{\"pods\":\"1\"}");

        TestClient.Reply dry = admin.post("/api/v1/namespaces/" + ns + "/pods?dryRun=All", pod("dry", null));
        TestClient.Reply real = admin.post("/api/v1/namespaces/" + ns + "/pods", pod("real", null));

        assertThat(dry.code()).as(dry.body()).isEqualTo(201);
        assertThat(real.code()).as(real.body()).isEqualTo(201);
        assertThat(used(ns).path("pods").asText()).isEqualTo("1");
    }
}
