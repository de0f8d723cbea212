package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Namespace;
import io.kube4j.common.api.core.Secret;
import io.kube4j.common.api.core.Service;
import io.kube4j.common.api.core.ServiceAccount;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Namespace deletion and the default service account. */
@EtcdTest
class NamespaceIT {

    static ControllerCluster cluster;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
        cluster.startManager("namespace", "serviceaccount", "replicaset");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void deletingANamespaceDeletesEverythingInItThenTheNamespace() {
        String ns = cluster.namespace("doomed");
        for (int i = 0; i < 10; i++) {
            ConfigMap cm = ConfigMap.named(ns, "cm-" + i);
            cm.data().put("k", "v");
            cluster.client(ConfigMap.KIND).create(cm);
            Secret secret = Secret.named(ns, "secret-" + i);
            cluster.client(Secret.KIND).create(secret);
            Service svc = Service.named(ns, "svc-" + i);
            svc.spec().set("ports", Json.parse("[{\"port\":80}]"));
            cluster.client(Service.KIND).create(svc);
            cluster.pods.create(Objects.pod(ns, "pod-" + i, "x"));
            if (i < 5) {
                cluster.client(ServiceAccount.KIND).create(ServiceAccount.named(ns, "sa-" + i));
            }
        }
        cluster.client(io.kube4j.common.api.apps.ReplicaSet.KIND).create(Objects.replicaSet(ns, "rs", "rs", 3));
        cluster.client(Namespace.KIND).delete("", ns);
        assertThat(cluster.client(Namespace.KIND).find("", ns)).hasValueSatisfying(n ->
                assertThat(n.status().path("phase").asText()).isEqualTo("Terminating"));
        eventually().until(() -> cluster.client(Namespace.KIND).find("", ns).isEmpty());
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
