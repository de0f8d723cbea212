package io.kube4j.proxy.it;

import static io.kube4j.proxy.testing.ProxyFixture.clusterIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.common.api.core.Service;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.proxy.testing.Clients;
import io.kube4j.proxy.testing.EchoServer;
import io.kube4j.proxy.testing.ProxyFixture;
import io.kube4j.proxy.testing.ProxyProcess;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kube-proxy executable: exit codes, a real run stopped by SIGTERM, {@code rules}, {@code --dry-run}. */
@EtcdTest
class ProxyCommandIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static ProxyFixture fixture;
    static List<EchoServer> echoes;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        fixture = ProxyFixture.start(etcd);
        echoes = EchoServer.startMany(31, 2);
    }

    @AfterAll
    static void stop() {
        echoes.forEach(EchoServer::close);
        fixture.close();
    }

    @Test
    void badFlagsAndAnUnreachableApiserverExitWithAOneLineReason(@TempDir Path dir) throws Exception {
        try (ProxyProcess p = ProxyProcess.launch("--proxy-mode", "kernelspace", "--kubeconfig", "x")) {
            assertThat(p.await(30)).isEqualTo(2);
            assertThat(p.stderr()).hasSize(1);
            assertThat(p.stderr().get(0)).startsWith("kube-proxy: mode: expected userspace, iptables or ipvs");
        }
        Path config = dir.resolve("proxy.yaml");
        Files.writeString(config, "ipvs: {scheduler: fastest}\n");
        try (ProxyProcess p = ProxyProcess.launch("--config", config.toString(), "--kubeconfig", "x")) {
            assertThat(p.await(30)).isEqualTo(2);
            assertThat(p.stderr().get(0)).contains("ipvs.scheduler");
        }
        int closed = Clients.freePort();
        Path kubeconfig = ProxyProcess.kubeconfig(fixture.cluster().pki(), "https://127.0.0.1:" + closed, dir);
        try (ProxyProcess p = ProxyProcess.launch("--kubeconfig", kubeconfig.toString(), "--healthz-bind-address", "127.0.0.1:0",
                "--metrics-bind-address", "127.0.0.1:0")) {
            assertThat(p.await(120)).isEqualTo(1);
            assertThat(p.stderr()).last().asString().startsWith("kube-proxy: cannot use the apiserver at https://127.0.0.1:" + closed);
        }
    }

    @Test
    void servesUntilSigtermAndPrintsItsTable(@TempDir Path dir) throws Exception {
        String ns = fixture.namespace("cmd");
        Service svc = fixture.service(ns, "web", "ClusterIP", 18090);
        fixture.endpoints(ns, "web", echoes.get(0).port(), echoes.stream().map(EchoServer::ip).toList());
        Path kubeconfig = ProxyProcess.kubeconfig(fixture.cluster().pki(), fixture.cluster().url().toString(), dir);
        int metrics = Clients.freePort();
        InetSocketAddress vip = new InetSocketAddress(clusterIp(svc), 18090);
        try (ProxyProcess p = ProxyProcess.launch("--kubeconfig", kubeconfig.toString(), "--hostname-override", "n1",
                "--healthz-bind-address", "127.0.0.1:0", "--metrics-bind-address", "127.0.0.1:" + metrics,
                "--nodeport-addresses", "127.0.0.1/32")) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> Clients.hello(vip, null).startsWith("echo-3"));

            try (ProxyProcess rules = ProxyProcess.launch("rules", "--metrics-bind-address", "127.0.0.1:" + metrics)) {
                assertThat(rules.await(60)).isEqualTo(0);
                assertThat(String.join("\n", rules.stdout())).contains("TCP  " + clusterIp(svc) + ":18090 rr")
                        .contains("-> " + echoes.get(0).ip() + ":" + echoes.get(0).port());
            }
            // no proxy answering: the table is computed from the apiserver
            try (ProxyProcess rules = ProxyProcess.launch("rules", "--metrics-bind-address", "127.0.0.1:" + Clients.freePort(),
                    "--kubeconfig", kubeconfig.toString(), "--ipvs-scheduler", "sh")) {
                assertThat(rules.await(60)).isEqualTo(0);
                assertThat(String.join("\n", rules.stdout())).contains("TCP  " + clusterIp(svc) + ":18090 sh");
            }

            p.terminate();
            assertThat(p.await(30)).isEqualTo(0);
            assertThat(Clients.accepts(vip)).as("the listener closed").isFalse();
        }
    }

    @Test
    void dryRunPrintsTheIptablesRules(@TempDir Path dir) throws Exception {
        String ns = fixture.namespace("dry");
        Service svc = fixture.service(ns, "web", "NodePort", 18091);
        fixture.endpoints(ns, "web", echoes.get(0).port(), List.of(echoes.get(0).ip()));
        Path kubeconfig = ProxyProcess.kubeconfig(fixture.cluster().pki(), fixture.cluster().url().toString(), dir);
        try (ProxyProcess p = ProxyProcess.launch("--kubeconfig", kubeconfig.toString(), "--proxy-mode", "iptables", "--dry-run",
                "--cluster-cidr", "10.244.0.0/16", "--healthz-bind-address", "127.0.0.1:0", "--metrics-bind-address", "127.0.0.1:0")) {
            await().atMost(WAIT).until(() -> p.stdout().stream().anyMatch(l -> l.contains("dry/web:web cluster IP")));
            String rules = String.join("\n", p.stdout());
            assertThat(rules).contains("*nat").contains("-d " + clusterIp(svc) + "/32 --dport 18091 -j KUBE-SVC-")
                    .contains("-j DNAT --to-destination " + echoes.get(0).ip() + ":" + echoes.get(0).port());
            p.terminate();
            assertThat(p.await(30)).isEqualTo(0);
        }
    }

    @Test
    void dryRunPrintsTheIpvsTableWithTheConfiguredScheduler(@TempDir Path dir) throws Exception {
        String ns = fixture.namespace("dry-ipvs");
        Service svc = fixture.service(ns, "web", "ClusterIP", 18092);
        fixture.endpoints(ns, "web", echoes.get(0).port(), echoes.stream().map(EchoServer::ip).toList());
        Path kubeconfig = ProxyProcess.kubeconfig(fixture.cluster().pki(), fixture.cluster().url().toString(), dir);
        Path config = dir.resolve("proxy.yaml");
        Files.writeString(config, "mode: ipvs\nipvs: {scheduler: wrr}\nhealthzBindAddress: 127.0.0.1:0\nmetricsBindAddress: 127.0.0.1:0\n");
        try (ProxyProcess p = ProxyProcess.launch("--kubeconfig", kubeconfig.toString(), "--config", config.toString(), "--dry-run")) {
            String vip = clusterIp(svc) + ":18092";
            await().atMost(WAIT).until(() -> p.stdout().stream().anyMatch(l -> l.equals("-A -t " + vip + " -s wrr")));
            String rules = String.join("\n", p.stdout());
            assertThat(rules).contains("ip addr replace " + clusterIp(svc) + "/32 dev kube-ipvs0")
                    .contains("-a -t " + vip + " -r " + echoes.get(1).ip() + ":" + echoes.get(1).port() + " -m -w 1");
            p.terminate();
            assertThat(p.await(30)).isEqualTo(0);
        }
    }
}
