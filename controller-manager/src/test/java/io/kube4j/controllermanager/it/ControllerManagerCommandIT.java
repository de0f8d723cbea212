package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.ControllerManagerProcess;
import io.kube4j.controllermanager.testing.Objects;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real kube-controller-manager command: flags, health and metrics, leader election, SIGTERM. */
@EtcdTest
class ControllerManagerCommandIT {

    static final Duration EXIT = Duration.ofSeconds(30);
    static ControllerCluster cluster;
    static Path kubeconfig;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
        kubeconfig = cluster.kubeconfig("kube-controller-manager");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badFlagsExitTwoWithAOneLineReason() throws Exception {
        try (var p = ControllerManagerProcess.launch("--kubeconfig", kubeconfig.toString(), "--controllers", "*,-cronjob")) {
            assertThat(p.awaitExit(EXIT)).as("%s", p).isEqualTo(2);
            assertThat(p.lines()).hasSize(1);
            assertThat(p.lines().get(0)).contains("unknown controller \"cronjob\"");
        }
        try (var p = ControllerManagerProcess.launch("--kubeconfig", kubeconfig.toString(), "--node-monitor-period", "soon")) {
            assertThat(p.awaitExit(EXIT)).as("%s", p).isEqualTo(2);
        }
        try (var p = ControllerManagerProcess.launch("--kubeconfig", kubeconfig.toString(),
                "--leader-elect-lease-duration", "5s", "--leader-elect-renew-deadline", "10s")) {
            assertThat(p.awaitExit(EXIT)).as("%s", p).isEqualTo(2);
            assertThat(String.join("\n", p.lines())).contains("renew deadline must be shorter than the lease duration");
        }
        try (var p = ControllerManagerProcess.launch("--secure-port", "0")) {
            assertThat(p.awaitExit(EXIT)).as("%s", p).isEqualTo(2);
        }
    }

    @Test
    void anUnreachableApiserverIsAFailureToStart() throws Exception {
        String text = Files.readString(kubeconfig).replace(cluster.cluster().url().toString().replaceAll("/+$", ""),
                "https://127.0.0.1:" + freePort());
        Path unreachable = Files.writeString(Files.createTempFile("unreachable-", ".kubeconfig"), text);
        try (var p = ControllerManagerProcess.launch("--kubeconfig", unreachable.toString(), "--secure-port", "0")) {
            int code = p.awaitExit(Duration.ofSeconds(90));
            assertThat(code).as("%s", p).isGreaterThan(0);
        }
    }

    @Test
    void onlyTheLeaderRunsControllersAndAStandbyTakesOverOnSigterm() throws Exception {
        String ns = cluster.namespace("cmd");
        int port = freePort();
        try (var first = ControllerManagerProcess.launch("--kubeconfig", kubeconfig.toString(), "--secure-port",
                Integer.toString(port), "--controllers", "replicaset");
             var second = ControllerManagerProcess.launch("--kubeconfig", kubeconfig.toString(), "--secure-port", "0",
                     "--controllers", "replicaset")) {
            eventually().atMost(Duration.ofSeconds(60)).until(() -> first.printed("started the replicaset controller")
                    || second.printed("started the replicaset controller"));
            cluster.client(ReplicaSet.KIND).create(Objects.replicaSet(ns, "web", "web", 2));
            eventually().until(() -> cluster.livePods(ns, "app=web").size() == 2);
            ControllerManagerProcess leader = first.printed("started the replicaset controller") ? first : second;
            ControllerManagerProcess standby = leader == first ? second : first;
            assertThat(standby.printed("started the replicaset controller")).as("%s", standby).isFalse();
            String holder = cluster.client(Lease.KIND).get("kube-system", "kube-controller-manager").holderIdentity();
            assertThat(holder).isNotEmpty();

            if (leader == first) {
                eventually().untilAsserted(() -> {
                    assertThat(get(port, "/healthz").body()).isEqualTo("ok");
                    assertThat(get(port, "/metrics").body()).contains("workqueue_depth{name=\"replicaset\"}");
                });
            }
            assertThat(leader.terminate(EXIT)).as("%s", leader).isZero();
            eventually().atMost(Duration.ofSeconds(60)).until(() -> standby.printed("started the replicaset controller"));
            cluster.client(ReplicaSet.KIND).scale(ns, "web", 3);
            eventually().until(() -> cluster.livePods(ns, "app=web").size() == 3);
            assertThat(standby.terminate(EXIT)).as("%s", standby).isZero();
        }
    }
}
