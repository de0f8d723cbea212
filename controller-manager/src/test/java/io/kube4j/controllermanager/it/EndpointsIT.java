package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Endpoints;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.Service;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoints controller follows pod readiness and resolves named target ports. */
@EtcdTest
class EndpointsIT {

    static ControllerCluster cluster;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
        cluster.startManager("endpoints");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static List<String> names(JsonNode endpoints, String list) {
        List<String> out = new ArrayList<>();
        for (JsonNode subset : endpoints.path("subsets")) {
            subset.path(list).forEach(a -> out.add(a.path("targetRef").path("name").asText()));
        }
        return out;
    }

    @Test
    void listsReadyPodsAsAddressesAndTheOthersAsNotReady() {
        String ns = cluster.namespace("ep-ready");
        Service svc = Service.named(ns, "web");
        svc.spec().putObject("selector").put("app", "web");
        svc.spec().set("ports", Json.parse("[{\"name\":\"http\",\"port\":80,\"targetPort\":\"http\"}]"));
        cluster.client(Service.KIND).create(svc);
        Pod a = cluster.pods.create(Objects.pod(ns, "a", "web"));
        Pod b = cluster.pods.create(Objects.pod(ns, "b", "web"));
        cluster.pods.create(Objects.pod(ns, "other", "db"));
        cluster.markReady(a);
        cluster.setStatus(b, "Running", false);
        ResourceClient<Endpoints> endpoints = cluster.client(Endpoints.KIND);
        eventually().untilAsserted(() -> {
            JsonNode ep = endpoints.get(ns, "web").json();
            assertThat(names(ep, "addresses")).containsExactly("a");
            assertThat(names(ep, "notReadyAddresses")).containsExactly("b");
            assertThat(ep.path("subsets").get(0).path("ports").get(0).path("port").asInt()).isEqualTo(8080);
        });
        cluster.markReady(cluster.pods.get(ns, "b"));
        eventually().untilAsserted(() -> assertThat(names(endpoints.get(ns, "web").json(), "addresses"))
                .containsExactlyInAnyOrder("a", "b"));
        cluster.pods.delete(ns, "a");
        eventually().untilAsserted(() -> assertThat(names(endpoints.get(ns, "web").json(), "addresses"))
                .containsExactly("b"));
        cluster.client(Service.KIND).delete(ns, "web");
        eventually().until(() -> endpoints.find(ns, "web").isEmpty());
    }
}
