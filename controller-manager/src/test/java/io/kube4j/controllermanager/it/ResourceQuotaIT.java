package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.ResourceQuota;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quota usage follows the objects in the namespace. */
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
