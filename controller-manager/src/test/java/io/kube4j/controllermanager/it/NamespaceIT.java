package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;
import io.kube4j.common.api.apps.Deployment;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Endpoints;
import io.kube4j.common.api.core.Namespace;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.Secret;
import io.kube4j.common.api.core.Service;
import io.kube4j.common.api.core.ServiceAccount;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import io.kube4j.controllermanager.util.Kinds;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Namespace deletion and the default service account. */
@EtcdTest
class NamespaceIT {

    static final String HOLD = "kube4j.io/hold";
    static final List<Kind<? extends KubeObject>> KINDS = List.of(Pod.KIND, Service.KIND, ConfigMap.KIND, Secret.KIND,
            Deployment.KIND, ReplicaSet.KIND, Kinds.JOB, Endpoints.KIND, ServiceAccount.KIND, Lease.KIND);

    static ControllerCluster cluster;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
        // the workload controllers keep creating pods and replica sets while the namespace empties
        cluster.startManager("namespace", "serviceaccount", "replicaset", "deployment", "job", "garbagecollector");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** Objects of each kind in {@code ns}, by plural; kinds with none are left out. */
    static Map<String, Integer> contents(String ns) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Kind<? extends KubeObject> kind : KINDS) {
            int n = cluster.client(kind).list(ns, ListRequest.ALL).items().size();
            if (n > 0) {
                counts.put(kind.plural(), n);
            }
        }
        return counts;
    }

    /** 100 objects of ten kinds, and the pods and replica sets their controllers make from them. */
    static void fill(String ns) {
        for (int i = 0; i < 15; i++) {
            ConfigMap cm = ConfigMap.named(ns, "cm-" + i);
            cm.data().put("k", "v");
            cluster.client(ConfigMap.KIND).create(cm);
            cluster.client(Secret.KIND).create(Secret.named(ns, "secret-" + i));
            cluster.pods.create(Objects.pod(ns, "pod-" + i, "bare"));
        }
        for (int i = 0; i < 10; i++) {
            Service svc = Service.named(ns, "svc-" + i);
            svc.spec().set("ports", Json.parse("[{\"port\":80}]"));
            cluster.client(Service.KIND).create(svc);
            Endpoints endpoints = Endpoints.named(ns, "ep-" + i);
            endpoints.json().set("subsets", Json.parse("[{\"addresses\":[{\"ip\":\"10.9.0." + (i + 1) + "\"}],"
                    + "\"ports\":[{\"port\":80}]}]"));
            cluster.client(Endpoints.KIND).create(endpoints);
            cluster.client(ServiceAccount.KIND).create(ServiceAccount.named(ns, "sa-" + i));
            cluster.client(Lease.KIND).create(Lease.named(ns, "lease-" + i));
        }
        for (int i = 0; i < 5; i++) {
            cluster.client(ReplicaSet.KIND).create(Objects.replicaSet(ns, "rs-" + i, "rs-" + i, 1));
            cluster.client(Deployment.KIND).create(Objects.deployment(ns, "deploy-" + i, "deploy-" + i, 1, "d:v1"));
            cluster.client(Kinds.JOB).create(Objects.job(ns, "job-" + i, 1, 1));
        }
    }

    @Test
    void deletingANamespaceDeletesAHundredObjectsOfTenKindsThenTheNamespace() {
        String ns = cluster.namespace("doomed");
        fill(ns);
        // 15 × 3 + 10 × 4 + 5 × 3 created here, plus what the controllers made
        eventually().until(() -> cluster.livePods(ns, "").size() == 15 + 5 + 5 + 5
                && cluster.client(ReplicaSet.KIND).list(ns, ListRequest.ALL).items().size() == 10);
        Map<String, Integer> before = contents(ns);
        assertThat(before).containsEntry("configmaps", 15).containsEntry("secrets", 15).containsEntry("services", 10)
                .containsEntry("endpoints", 10).containsEntry("leases", 10).containsEntry("deployments", 5)
                .containsEntry("jobs", 5).containsEntry("pods", 30).containsEntry("replicasets", 10);
        assertThat(before.get("serviceaccounts")).isBetween(10, 11); // and `default` once its controller got there

        cluster.client(Namespace.KIND).delete("", ns);
        assertThat(cluster.client(Namespace.KIND).find("", ns)).hasValueSatisfying(n ->
                assertThat(n.status().path("phase").asText()).isEqualTo("Terminating"));
        eventually().until(() -> cluster.client(Namespace.KIND).find("", ns).isEmpty());
        assertThat(contents(ns)).isEmpty();
    }

    @Test
    void theNamespaceStaysTerminatingWhileAnObjectInItRemains() {
        String ns = cluster.namespace("lingering");
        fill(ns);
        var configMaps = cluster.client(ConfigMap.KIND);
        configMaps.patch(ns, "cm-0", ResourceClient.MERGE_PATCH, Json.parse("{\"metadata\":{\"finalizers\":[\"" + HOLD + "\"]}}"));

        cluster.client(Namespace.KIND).delete("", ns);
        // everything else goes; the held config map says why the namespace is still there
        eventually().until(() -> contents(ns).equals(Map.of("configmaps", 1)) && condition(ns, "NamespaceContentRemaining")
                .path("message").asText().contains("configmaps has 1 resource instances"));
        Namespace terminating = cluster.client(Namespace.KIND).get("", ns);
        assertThat(terminating.status().path("phase").asText()).isEqualTo("Terminating");
        assertThat(terminating.spec().path("finalizers").toString()).contains("kubernetes");
        assertThat(configMaps.get(ns, "cm-0").metadata().isBeingDeleted()).isTrue();

        configMaps.patch(ns, "cm-0", ResourceClient.MERGE_PATCH, Json.parse("{\"metadata\":{\"finalizers\":null}}"));
        eventually().until(() -> cluster.client(Namespace.KIND).find("", ns).isEmpty());
        assertThat(contents(ns)).isEmpty();
    }

    static JsonNode condition(String ns, String type) {
        for (JsonNode c : cluster.client(Namespace.KIND).get("", ns).status().path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return Json.object();
    }

    @Test
    void everyNamespaceGetsADefaultServiceAccountRecreatedWhenDeleted() {
        String ns = cluster.namespace("accounts");
        var accounts = cluster.client(ServiceAccount.KIND);
        eventually().until(() -> accounts.find(ns, "default").isPresent());
        String uid = accounts.get(ns, "default").metadata().uid();
        accounts.delete(ns, "default");
        eventually().until(() -> accounts.find(ns, "default").map(sa -> !sa.metadata().uid().equals(uid)).orElse(false));
    }
}
