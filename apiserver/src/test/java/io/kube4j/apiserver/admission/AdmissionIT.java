package io.kube4j.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default admission chain on a real apiserver: namespace lifecycle, service accounts, tolerations, limit ranges. */
@EtcdTest
class AdmissionIT {

    static TestCluster cluster;
    static TestClient admin;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd, c -> c.withSecurity(c.security().withAuthorizationModes(List.of("AlwaysAllow"))));
        admin = cluster.admin();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static String namespace(String name) throws Exception {
        TestClient.Reply reply = admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + name + "\"}}"));
        assertThat(reply.code()).as(reply.body()).isEqualTo(201);
        return name;
    }

    static ObjectNode pod(String name) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"containers":[{"name":"main","image":"busybox:1.36"}]}}
                """.formatted(name));
    }

    static ObjectNode configMap(String name) {
        return (ObjectNode) Json.parse("{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"k\":\"v\"}}");
    }

    @Test
    void refusesCreatesInAMissingNamespaceWithNotFound() throws Exception {
        TestClient.Reply reply = admin.post("/api/v1/namespaces/ghost/configmaps", configMap("c"));

        assertThat(reply.code()).isEqualTo(404);
        assertThat(reply.json().path("message").asText()).isEqualTo("namespaces \"ghost\" not found");
    }

    @Test
    void refusesCreatesInATerminatingNamespaceButStillServesItsObjects() throws Exception {
        String ns = namespace("adm-terminating");
        assertThat(admin.post("/api/v1/namespaces/" + ns + "/configmaps", configMap("before")).code()).isEqualTo(201);
        TestClient.Reply deleted = admin.delete("/api/v1/namespaces/" + ns);
        assertThat(deleted.json().path("status").path("phase").asText()).as(deleted.body()).isEqualTo("Terminating");

        TestClient.Reply reply = admin.post("/api/v1/namespaces/" + ns + "/configmaps", configMap("after"));

        assertThat(reply.code()).isEqualTo(403);
        assertThat(reply.json().path("reason").asText()).isEqualTo("Forbidden");
        assertThat(reply.json().path("message").asText()).isEqualTo("configmaps \"after\" is forbidden: unable to create new"
                + " content in namespace adm-terminating because it is being terminated");
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/configmaps/before").code()).isEqualTo(200);
    }

    @Test
    void refusesToDeleteTheSystemNamespaces() throws Exception {
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            TestClient.Reply reply = admin.delete("/api/v1/namespaces/" + ns);

            assertThat(reply.code()).isEqualTo(403);
            assertThat(reply.json().path("message").asText())
                    .isEqualTo("namespaces \"" + ns + "\" is forbidden: this namespace may not be deleted");
        }
        assertThat(admin.get("/api/v1/namespaces/kube-system").json().path("status").path("phase").asText()).isEqualTo("Active");
    }

    @Test
    void createsSucceedRightAfterTheirNamespaceIsCreated() throws Exception {
        for (int i = 0; i < 20; i++) {
            String ns = namespace("adm-fresh-" + i);

            TestClient.Reply reply = admin.post("/api/v1/namespaces/" + ns + "/configmaps", configMap("c"));

            assertThat(reply.code()).as(reply.body()).isEqualTo(201);
        }
    }

    @Test
    void givesPodsTheDefaultServiceAccountAndFiveMinutesOfNodeFailureTolerance() throws Exception {
        String ns = namespace("adm-defaults");

        TestClient.Reply created = admin.post("/api/v1/namespaces/" + ns + "/pods", pod("p"));

        assertThat(created.code()).as(created.body()).isEqualTo(201);
        JsonNode spec = created.json().path("spec");
        assertThat(spec.path("serviceAccountName").asText()).isEqualTo("default");
        assertThat(spec.path("tolerations")).hasSize(2);
        assertThat(spec.path("tolerations").findValuesAsText("key"))
                .containsExactly("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable");
        for (JsonNode t : spec.path("tolerations")) {
            assertThat(t.path("operator").asText()).isEqualTo("Exists");
            assertThat(t.path("effect").asText()).isEqualTo("NoExecute");
            assertThat(t.path("tolerationSeconds").asLong()).isEqualTo(300);
        }
    }

    @Test
    void forbidsPodsNamingAServiceAccountThatDoesNotExist() throws Exception {
        String ns = namespace("adm-accounts");
        ObjectNode robot = pod("robot");
        ((ObjectNode) robot.path("spec")).put("serviceAccountName", "builder");

        TestClient.Reply refused = admin.post("/api/v1/namespaces/" + ns + "/pods", robot);

        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).isEqualTo("pods \"robot\" is forbidden: error looking up"
                + " service account adm-accounts/builder: serviceaccount \"builder\" not found");
        assertThat(admin.post("/api/v1/namespaces/" + ns + "/serviceaccounts",
                Json.parse("{\"metadata\":{\"name\":\"builder\"}}")).code()).isEqualTo(201);
        TestClient.Reply admitted = admin.post("/api/v1/namespaces/" + ns + "/pods", robot);
        assertThat(admitted.code()).as(admitted.body()).isEqualTo(201);
        assertThat(admitted.json().path("spec").path("serviceAccountName").asText()).isEqualTo("builder");
    }

    @Test
    void fillsInContainerResourcesFromLimitRangesAndEnforcesTheirBounds() throws Exception {
        String ns = namespace("adm-limits");
        TestClient.Reply range = admin.post("/api/v1/namespaces/" + ns + "/limitranges", Json.parse("""
                {"metadata":{"name":"limits"},"spec":{"limits":[{"type":"Container",
                  "default":{"cpu":"500m","memory":"256Mi"},"defaultRequest":{"cpu":"100m"},"max":{"cpu":"1"}}]}}
                """));
        assertThat(range.code()).as(range.body()).isEqualTo(201);

        TestClient.Reply defaulted = admin.post("/api/v1/namespaces/" + ns + "/pods", pod("small"));

        assertThat(defaulted.code()).as(defaulted.body()).isEqualTo(201);
        JsonNode resources = defaulted.json().path("spec").path("containers").get(0).path("resources");
        assertThat(resources.path("requests").path("cpu").asText()).isEqualTo("100m");
        assertThat(resources.path("requests").path("memory").asText()).isEqualTo("256Mi");
        assertThat(resources.path("limits").path("cpu").asText()).isEqualTo("500m");
        assertThat(resources.path("limits").path("memory").asText()).isEqualTo("256Mi");
        assertThat(defaulted.json().path("metadata").path("annotations").path("kubernetes.io/limit-ranger").asText())
                .isEqualTo("LimitRanger plugin set: cpu, memory request for container main; cpu, memory limit for container main");

        ObjectNode big = pod("big");
        ((ObjectNode) big.path("spec").path("containers").get(0)).putObject("resources").putObject("limits").put("cpu", "2");
        TestClient.Reply refused = admin.post("/api/v1/namespaces/" + ns + "/pods", big);

        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.json().path("message").asText())
                .isEqualTo("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2");
    }

    @Test
    void answersInvalidContentWith422BeforeValidatingPoliciesRun() throws Exception {
        String ns = namespace("adm-order");
        assertThat(admin.post("/api/v1/namespaces/" + ns + "/limitranges", Json.parse("""
                {"metadata":{"name":"limits"},"spec":{"limits":[{"type":"Container","max":{"cpu":"1"}}]}}
                """)).code()).isEqualTo(201);
        ObjectNode invalid = pod("Not_Valid");
        ((ObjectNode) invalid.path("spec").path("containers").get(0)).putObject("resources").putObject("limits").put("cpu", "2");

        TestClient.Reply reply = admin.post("/api/v1/namespaces/" + ns + "/pods", invalid);

        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("metadata.name");
    }
}
