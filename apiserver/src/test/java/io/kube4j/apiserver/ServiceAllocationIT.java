package io.kube4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.registry.ServiceRanges;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster IPs and node ports handed out by two apiservers sharing one etcd: unique under
 * concurrent creates, requested values checked (422), immutable, freed on delete.
 */
@EtcdTest
class ServiceAllocationIT {

    static final ServiceRanges RANGES = ServiceRanges.of("127.96.0.0/16", "30000-30009");

    static TestCluster first;
    static TestCluster second;
    static TestClient a;
    static TestClient b;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        first = TestCluster.start(etcd, config -> config.withServiceRanges(RANGES));
        second = TestCluster.start(etcd, config -> config.withServiceRanges(RANGES));
        a = first.admin();
        b = second.admin();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    static String namespace(String name) throws Exception {
        TestClient.Reply reply = a.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + name + "\"}}"));
        assertThat(reply.code()).as(reply.body()).isEqualTo(201);
        return name;
    }

    static JsonNode service(String name, String type, String clusterIp, int nodePort) {
        return Json.parse("""
                {"metadata":{"name":"%s"},"spec":{"type":"%s"%s,"selector":{"app":"x"},
                 "ports":[{"port":80,"targetPort":8080%s}]}}
                """.formatted(name, type, clusterIp == null ? "" : ",\"clusterIP\":\"" + clusterIp + "\"",
                nodePort == 0 ? "" : ",\"nodePort\":" + nodePort));
    }

    @Test
    void fiftyConcurrentCreatesOnTwoApiserversGetFiftyDistinctAddressesInTheRange() throws Exception {
        String ns = namespace("alloc-many");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<TestClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                TestClient client = i % 2 == 0 ? a : b;
                String name = "s" + i;
                replies.add(pool.submit(() -> client.post("/api/v1/namespaces/" + ns + "/services",
                        service(name, "ClusterIP", null, 0))));
            }
            Set<String> ips = new HashSet<>();
            for (Future<TestClient.Reply> f : replies) {
                TestClient.Reply reply = f.get();
                assertThat(reply.code()).as(reply.body()).isEqualTo(201);
                String ip = reply.json().path("spec").path("clusterIP").asText();
                assertThat(ip).startsWith("127.96.").isNotEqualTo("127.96.0.0").isNotEqualTo("127.96.255.255");
                assertThat(reply.json().path("spec").path("clusterIPs").get(0).asText()).isEqualTo(ip);
                ips.add(ip);
            }
            assertThat(ips).hasSize(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestedAddressThatIsTakenOrOutOfRangeIsRejectedWithInvalid() throws Exception {
        String ns = namespace("alloc-conflict");
        TestClient.Reply one = a.post("/api/v1/namespaces/" + ns + "/services", service("one", "ClusterIP", "127.96.7.7", 0));
        assertThat(one.code()).as(one.body()).isEqualTo(201);
        assertThat(one.json().path("spec").path("clusterIP").asText()).isEqualTo("127.96.7.7");

        TestClient.Reply taken = b.post("/api/v1/namespaces/" + ns + "/services", service("two", "ClusterIP", "127.96.7.7", 0));
        assertThat(taken.code()).as(taken.body()).isEqualTo(422);
        assertThat(taken.json().path("reason").asText()).isEqualTo("Invalid");
        assertThat(taken.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("spec.clusterIP");
        assertThat(taken.json().path("message").asText()).contains("already allocated");

        TestClient.Reply outside = a.post("/api/v1/namespaces/" + ns + "/services", service("three", "ClusterIP", "10.0.0.9", 0));
        assertThat(outside.code()).as(outside.body()).isEqualTo(422);
        assertThat(outside.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("spec.clusterIP");

        TestClient.Reply headless = a.post("/api/v1/namespaces/" + ns + "/services", service("headless", "ClusterIP", "None", 0));
        assertThat(headless.code()).as(headless.body()).isEqualTo(201);
        assertThat(headless.json().path("spec").path("clusterIP").asText()).isEqualTo("None");

        // immutable on update
        JsonNode stored = a.get("/api/v1/namespaces/" + ns + "/services/one").json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.path("spec")).put("clusterIP", "127.96.7.8");
        TestClient.Reply changed = a.put("/api/v1/namespaces/" + ns + "/services/one", stored);
        assertThat(changed.code()).as(changed.body()).isEqualTo(422);
        assertThat(changed.body()).contains("spec.clusterIP");

        // freed on delete: the address can be requested again
        assertThat(a.delete("/api/v1/namespaces/" + ns + "/services/one").code()).isEqualTo(200);
        TestClient.Reply again = b.post("/api/v1/namespaces/" + ns + "/services", service("two", "ClusterIP", "127.96.7.7", 0));
        assertThat(again.code()).as(again.body()).isEqualTo(201);
    }

    @Test
    void servicesStoredWithoutClaimsAreClaimedAfterARestart(Etcd etcd) throws Exception {
        String ns = namespace("alloc-repair");
        TestClient.Reply old = a.post("/api/v1/namespaces/" + ns + "/services", service("old", "ClusterIP", "127.96.9.9", 0));
        assertThat(old.code()).as(old.body()).isEqualTo(201);
        // as if written before allocation existed: the claim key is gone
        try (io.etcd.jetcd.Client client = io.etcd.jetcd.Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build()) {
            client.getKVClient().delete(io.etcd.jetcd.ByteSequence.from(first.etcdPrefix() + "/ranges/serviceips/127.96.9.9",
                    java.nio.charset.StandardCharsets.UTF_8)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        first.restart();
        a = first.admin();
        TestClient.Reply again = a.post("/api/v1/namespaces/" + ns + "/services", service("new", "ClusterIP", "127.96.9.9", 0));
        assertThat(again.code()).as(again.body()).isEqualTo(422);
    }

    @Test
    void nodePortsComeFromTheRangeAndATakenOrForeignPortIsRejected() throws Exception {
        String ns = namespace("alloc-ports");
        TestClient.Reply auto = a.post("/api/v1/namespaces/" + ns + "/services", service("auto", "NodePort", null, 0));
        assertThat(auto.code()).as(auto.body()).isEqualTo(201);
        int port = auto.json().path("spec").path("ports").get(0).path("nodePort").asInt();
        assertThat(port).isBetween(30000, 30009);

        TestClient.Reply taken = b.post("/api/v1/namespaces/" + ns + "/services", service("taken", "NodePort", null, port));
        assertThat(taken.code()).as(taken.body()).isEqualTo(422);
        assertThat(taken.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("spec.ports[0].nodePort");

        TestClient.Reply outside = b.post("/api/v1/namespaces/" + ns + "/services", service("outside", "NodePort", null, 31999));
        assertThat(outside.code()).as(outside.body()).isEqualTo(422);

        // an update that leaves the port out keeps it
        JsonNode stored = a.get("/api/v1/namespaces/" + ns + "/services/auto").json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.path("spec").path("ports").get(0)).remove("nodePort");
        TestClient.Reply updated = a.put("/api/v1/namespaces/" + ns + "/services/auto", stored);
        assertThat(updated.code()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("spec").path("ports").get(0).path("nodePort").asInt()).isEqualTo(port);

        assertThat(a.delete("/api/v1/namespaces/" + ns + "/services/auto").code()).isEqualTo(200);
        TestClient.Reply reuse = b.post("/api/v1/namespaces/" + ns + "/services", service("reuse", "NodePort", null, port));
        assertThat(reuse.code()).as(reuse.body()).isEqualTo(201);
        assertThat(b.delete("/api/v1/namespaces/" + ns + "/services/reuse").code()).isEqualTo(200);
    }
}
