package io.kube4j.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * NodeRestriction on a real apiserver, with authorization AlwaysAllow so every refusal comes
 * from admission: kubelet-n1 is {@code system:node:n1} in {@code system:nodes}.
 */
@EtcdTest
class NodeRestrictionIT {

    static final String MERGE = "application/merge-patch+json";

    static TestCluster cluster;
    static TestClient admin;
    static TestClient kubelet;
    static String n1Uid;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd, c -> c.withSecurity(c.security().withAuthorizationModes(List.of("AlwaysAllow"))));
        admin = cluster.admin();
        kubelet = cluster.client("kubelet-n1");
        TestClient.Reply n1 = kubelet.post("/api/v1/nodes", node("n1"));
        assertThat(n1.code()).as(n1.body()).isEqualTo(201);
        n1Uid = n1.json().path("metadata").path("uid").asText();
        assertThat(admin.post("/api/v1/nodes", node("n2")).code()).isEqualTo(201);
        assertThat(admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"work\"}}")).code()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static ObjectNode node(String name) {
        return (ObjectNode) Json.parse("{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"kubernetes.io/hostname\":\""
                + name + "\"}}}");
    }

    static ObjectNode pod(String name, String nodeName) {
        return (ObjectNode) Json.parse("""
                {"metadata":{"name":"%s"},"spec":{"nodeName":"%s","containers":[{"name":"main","image":"busybox:1.36"}]}}
                """.formatted(name, nodeName));
    }

    static String message(TestClient.Reply reply) {
        assertThat(reply.code()).as(reply.body()).isEqualTo(403);
        return reply.json().path("message").asText();
    }

    @Test
    void letsAKubeletChangeOnlyItsOwnNode() throws Exception {
        TestClient.Reply other = kubelet.patch("/api/v1/nodes/n2", MERGE, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
        TestClient.Reply otherStatus = kubelet.patch("/api/v1/nodes/n2/status", MERGE, "{\"status\":{\"phase\":\"Running\"}}");
        TestClient.Reply own = kubelet.patch("/api/v1/nodes/n1", MERGE, "{\"metadata\":{\"labels\":{\"disk\":\"ssd\"}}}");

        assertThat(message(other)).isEqualTo("nodes \"n2\" is forbidden: node \"n1\" is not allowed to modify node \"n2\"");
        assertThat(message(otherStatus)).isEqualTo("nodes \"n2\" is forbidden: node \"n1\" is not allowed to modify node \"n2\"");
        assertThat(own.code()).as(own.body()).isEqualTo(200);
    }

    @Test
    void keepsAKubeletFromGivingItselfRestrictedLabelsOrChangingItsTaints() throws Exception {
        TestClient.Reply role = kubelet.patch("/api/v1/nodes/n1", MERGE,
                "{\"metadata\":{\"labels\":{\"node-role.kubernetes.io/control-plane\":\"\"}}}");
        TestClient.Reply restricted = kubelet.patch("/api/v1/nodes/n1", MERGE,
                "{\"metadata\":{\"labels\":{\"node-restriction.kubernetes.io/pool\":\"secure\"}}}");
        TestClient.Reply taints = kubelet.patch("/api/v1/nodes/n1", MERGE,
                "{\"spec\":{\"taints\":[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]}}");

        assertThat(message(role)).isEqualTo("nodes \"n1\" is forbidden: is not allowed to modify labels:"
                + " node-role.kubernetes.io/control-plane");
        assertThat(message(restricted)).endsWith("is not allowed to modify labels: node-restriction.kubernetes.io/pool");
        assertThat(message(taints)).isEqualTo("nodes \"n1\" is forbidden: node \"n1\" is not allowed to modify taints");
        TestClient.Reply byAdmin = admin.patch("/api/v1/nodes/n1", MERGE,
                "{\"metadata\":{\"labels\":{\"node-role.kubernetes.io/control-plane\":\"\"}}}");
        assertThat(byAdmin.code()).as(byAdmin.body()).isEqualTo(200);
    }

    @Test
    void letsAKubeletUpdateTheStatusOfItsOwnPodsOnly() throws Exception {
        assertThat(admin.post("/api/v1/namespaces/work/pods", pod("on-n1", "n1")).code()).isEqualTo(201);
        assertThat(admin.post("/api/v1/namespaces/work/pods", pod("on-n2", "n2")).code()).isEqualTo(201);
        String running = "{\"status\":{\"phase\":\"Running\"}}";

        TestClient.Reply own = kubelet.patch("/api/v1/namespaces/work/pods/on-n1/status", MERGE, running);
        TestClient.Reply other = kubelet.patch("/api/v1/namespaces/work/pods/on-n2/status", MERGE, running);
        TestClient.Reply spec = kubelet.patch("/api/v1/namespaces/work/pods/on-n1", MERGE,
                "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
        TestClient.Reply delete = kubelet.delete("/api/v1/namespaces/work/pods/on-n2");

        assertThat(own.code()).as(own.body()).isEqualTo(200);
        assertThat(message(other)).isEqualTo("pods \"on-n2\" is forbidden: node \"n1\" can only update pod status"
                + " for pods with spec.nodeName set to itself");
        assertThat(message(spec)).endsWith("unexpected operation \"UPDATE\", node \"n1\" can only create and delete mirror pods");
        assertThat(message(delete)).endsWith("node \"n1\" can only delete pods with spec.nodeName set to itself");
        assertThat(kubelet.delete("/api/v1/namespaces/work/pods/on-n1").code()).isEqualTo(200);
    }

    @Test
    void letsAKubeletCreateOnlyMirrorPodsBoundToItselfAndOwnedByItsNode() throws Exception {
        ObjectNode plain = pod("plain", "n1");
        ObjectNode elsewhere = mirror("elsewhere", "n2");
        ObjectNode mirror = mirror("static-web", "n1");

        assertThat(message(kubelet.post("/api/v1/namespaces/work/pods", plain))).endsWith(
                "pod does not have \"kubernetes.io/config.mirror\" annotation, node \"n1\" can only create mirror pods");
        assertThat(message(kubelet.post("/api/v1/namespaces/work/pods", elsewhere))).endsWith(
                "node \"n1\" can only create pods with spec.nodeName set to itself");
        TestClient.Reply created = kubelet.post("/api/v1/namespaces/work/pods", mirror);
        assertThat(created.code()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("spec").has("serviceAccountName")).isFalse();
    }

    private static ObjectNode mirror(String name, String nodeName) {
        ObjectNode pod = pod(name, nodeName);
        ObjectNode meta = (ObjectNode) pod.path("metadata");
        meta.putObject("annotations").put("kubernetes.io/config.mirror", "hash");
        meta.putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "Node").put("name", nodeName)
                .put("uid", n1Uid).put("controller", true);
        return pod;
    }

    @Test
    void letsAKubeletHoldOnlyItsOwnLease() throws Exception {
        String lease = "{\"metadata\":{\"name\":\"%s\"},\"spec\":{\"holderIdentity\":\"n1\",\"leaseDurationSeconds\":40}}";

        TestClient.Reply own = kubelet.post("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
                Json.parse(lease.formatted("n1")));
        TestClient.Reply other = kubelet.post("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
                Json.parse(lease.formatted("n2")));
        TestClient.Reply elsewhere = kubelet.post("/apis/coordination.k8s.io/v1/namespaces/work/leases",
                Json.parse(lease.formatted("n1")));

        assertThat(own.code()).as(own.body()).isEqualTo(201);
        assertThat(message(other)).isEqualTo("leases.coordination.k8s.io \"n2\" is forbidden:"
                + " can only access node lease with the same name as the requesting node");
        assertThat(message(elsewhere)).endsWith("can only access leases in the \"kube-node-lease\" system namespace");
    }
}
