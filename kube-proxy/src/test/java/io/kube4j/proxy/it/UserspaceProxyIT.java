package io.kube4j.proxy.it;

import static io.kube4j.proxy.testing.ProxyFixture.clusterIp;
import static io.kube4j.proxy.testing.ProxyFixture.nodePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.common.api.core.Service;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.proxy.KubeProxy;
import io.kube4j.proxy.config.ConfigLoader;
import io.kube4j.proxy.rules.IpvsTable;
import io.kube4j.proxy.testing.Clients;
import io.kube4j.proxy.testing.EchoServer;
import io.kube4j.proxy.testing.ProxyFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The userspace proxy against a real apiserver: a Service with three echo backends on loopback
 * addresses, reached through its cluster IP and its node port.
 */
@EtcdTest
class UserspaceProxyIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static ProxyFixture fixture;
    static List<EchoServer> echoes;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        fixture = ProxyFixture.start(etcd);
        echoes = EchoServer.startMany(21, 3);
    }

    @AfterAll
    static void stop() {
        echoes.forEach(EchoServer::close);
        fixture.close();
    }

    static List<String> ips() {
        return echoes.stream().map(EchoServer::ip).toList();
    }

    static Map<String, Integer> spread(InetSocketAddress target, int connections, InetAddress from) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < connections; i++) {
            counts.merge(Clients.hello(target, from), 1, Integer::sum);
        }
        return counts;
    }

    /** Waits until the proxy answers on {@code target} with one of the echo servers. */
    static void awaitServing(InetSocketAddress target) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> Clients.hello(target, null).startsWith("echo-"));
    }

    @Test
    void roundRobinSpreadsClusterIpAndNodePortConnectionsEvenly() throws Exception {
        String ns = fixture.namespace("rr");
        Service svc = fixture.service(ns, "web", "NodePort", 18080);
        fixture.endpoints(ns, "web", echoes.get(0).port(), ips());
        int metricsPort = Clients.freePort();
        int healthPort = Clients.freePort();
        KubeProxy proxy = fixture.startProxy(ProxyFixture.config()
                .withMetricsBindAddress("127.0.0.1:" + metricsPort).withHealthzBindAddress("127.0.0.1:" + healthPort));
        try {
            InetSocketAddress vip = new InetSocketAddress(clusterIp(svc), 18080);
            InetSocketAddress node = new InetSocketAddress("127.0.0.1", nodePort(svc));
            assertThat(clusterIp(svc)).startsWith("127.96.");
            awaitServing(vip);
            awaitServing(node);
            // 30 connections over 3 backends in turn: 10 each
            assertThat(spread(vip, 30, null)).containsOnlyKeys("echo-21", "echo-22", "echo-23").allSatisfy((k, v) -> assertThat(v).isEqualTo(10));
            assertThat(spread(node, 30, null)).allSatisfy((k, v) -> assertThat(v).isEqualTo(10));

            // bytes go both ways through the relay
            try (Socket s = new Socket()) {
                s.connect(vip, 2_000);
                s.setSoTimeout(5_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("echo-");
                OutputStream out = s.getOutputStream();
                String big = "x".repeat(200_000);
                out.write((big + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(in.readLine()).isEqualTo(big);
                // the table shows the open connection
                String table = IpvsTable.format(proxy.table());
                assertThat(table).contains("TCP  " + clusterIp(svc) + ":18080 rr").contains("TCP  127.0.0.1:" + nodePort(svc) + " rr");
                assertThat(table).containsPattern("-> 127\\.0\\.0\\.2[123]:" + echoes.get(0).port() + " +Masq    1 +1 ");
            }

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"lastUpdated\"").contains("\"nodeName\":\"n1\"");
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("kubeproxy_sync_proxy_rules_duration_seconds_count")
                    .containsPattern("kubeproxy_userspace_bytes_relayed_total\\{service=\"rr/web:web\"} [1-9]")
                    .contains("kubeproxy_userspace_active_connections{service=\"rr/web:web\"}");
            String rules = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/rules")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(rules).startsWith("IP Virtual Server version").contains(clusterIp(svc) + ":18080 rr");
        } finally {
            proxy.close();
        }
        assertThat(Clients.accepts(new InetSocketAddress(clusterIp(svc), 18080))).as("listeners closed with the proxy").isFalse();
    }

    @Test
    void endpointChangesReachNewConnectionsWhileOpenOnesDrain() throws Exception {
        String ns = fixture.namespace("change");
        Service svc = fixture.service(ns, "web", "ClusterIP", 18081);
        fixture.endpoints(ns, "web", echoes.get(0).port(), ips());
        KubeProxy proxy = fixture.startProxy(ProxyFixture.config());
        try {
            InetSocketAddress vip = new InetSocketAddress(clusterIp(svc), 18081);
            awaitServing(vip);
            // hold a connection to echo-21 open
            Socket held = null;
            for (int i = 0; i < 3 && held == null; i++) {
                Socket s = new Socket();
                s.connect(vip, 2_000);
                s.setSoTimeout(5_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                if (in.readLine().equals("echo-21")) {
                    held = s;
                } else {
                    s.close();
                }
            }
            assertThat(held).isNotNull();
            try (Socket s = held) {
                long changed = System.nanoTime();
                fixture.endpoints(ns, "web", echoes.get(0).port(), List.of(echoes.get(1).ip(), echoes.get(2).ip()));
                await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                        .until(() -> !spread(vip, 6, null).containsKey("echo-21"));
                Duration took = Duration.ofNanos(System.nanoTime() - changed);
                System.out.println("endpoint removal reached new connections after " + took.toMillis() + " ms");
                assertThat(took).as("the issue asks for 1 s").isLessThan(Duration.ofSeconds(1));
                assertThat(spread(vip, 30, null)).doesNotContainKey("echo-21").hasSize(2);
                // the held connection still works (drains instead of being cut)
                s.getOutputStream().write("still here\n".getBytes(StandardCharsets.UTF_8));
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("still here");
            }

            // a backend that refuses is skipped: every connection still gets an answer
            fixture.endpoints(ns, "web", echoes.get(0).port(), List.of("127.0.0.29", echoes.get(1).ip()));
            await().atMost(WAIT).until(() -> proxy.state().services().values().stream()
                    .anyMatch(e -> e.endpoints().stream().anyMatch(ep -> ep.ip().equals("127.0.0.29"))));
            assertThat(spread(vip, 10, null)).containsOnlyKeys("echo-22");

            // deleting the Service closes its listener
            fixture.services.delete(ns, "web");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> !Clients.accepts(vip));
        } finally {
            proxy.close();
        }
    }

    @Test
    void aConfigFileWithSourceHashingPinsEachClientToOneBackend() throws Exception {
        String ns = fixture.namespace("sh");
        Service svc = fixture.service(ns, "web", "ClusterIP", 18082);
        fixture.endpoints(ns, "web", echoes.get(0).port(), ips());
        var config = ConfigLoader.parse("""
                kind: KubeProxyConfiguration
                mode: userspace
                ipvs: {scheduler: sh}
                nodePortAddresses: [127.0.0.1/32]
                healthzBindAddress: 127.0.0.1:0
                metricsBindAddress: 127.0.0.1:0
                """);
        KubeProxy proxy = fixture.startProxy(config);
        try {
            InetSocketAddress vip = new InetSocketAddress(clusterIp(svc), 18082);
            awaitServing(vip);
            Set<String> reached = new HashSet<>();
            for (int c = 1; c <= 20; c++) {
                InetAddress client = InetAddress.getByName("127.0.1." + c);
                Map<String, Integer> counts = spread(vip, 10, client);
                assertThat(counts).as("client %s", client).hasSize(1);
                reached.addAll(counts.keySet());
            }
            assertThat(reached).as("20 clients hash over the three backends").hasSizeGreaterThan(1);
            assertThat(IpvsTable.format(proxy.table())).contains(clusterIp(svc) + ":18082 sh");
        } finally {
            proxy.close();
        }
    }

    @Test
    void clientIpSessionAffinityKeepsAClientOnItsBackendUnderRoundRobin() throws Exception {
        String ns = fixture.namespace("affinity");
        Service s = Service.named(ns, "web");
        s.json().set("spec", io.kube4j.common.api.Json.parse("""
                {"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":60}},
                 "ports":[{"name":"web","port":18083,"protocol":"TCP"}]}"""));
        Service svc = fixture.services.create(s);
        fixture.endpoints(ns, "web", echoes.get(0).port(), ips());
        KubeProxy proxy = fixture.startProxy(ProxyFixture.config());
        try {
            InetSocketAddress vip = new InetSocketAddress(clusterIp(svc), 18083);
            awaitServing(vip);
            assertThat(spread(vip, 15, InetAddress.getByName("127.0.2.1"))).hasSize(1);
            assertThat(IpvsTable.format(proxy.table())).contains(":18083 rr persistent 60");
        } finally {
            proxy.close();
        }
    }

    @Test
    void weightedRoundRobinFollowsTheWeightsAnnotation() throws Exception {
        String ns = fixture.namespace("wrr");
        Service svc = fixture.service(ns, "web", "ClusterIP", 18084);
        fixture.endpoints(ns, "web", echoes.get(0).port(), List.of(echoes.get(0).ip(), echoes.get(1).ip()));
        var endpoints = fixture.endpoints.get(ns, "web");
        endpoints.metadata().annotation(io.kube4j.proxy.state.StateBuilder.WEIGHTS, echoes.get(0).ip() + "=3," + echoes.get(1).ip() + "=1");
        fixture.endpoints.update(endpoints);
        KubeProxy proxy = fixture.startProxy(ProxyFixture.config().withScheduler("wrr"));
        try {
            InetSocketAddress vip = new InetSocketAddress(clusterIp(svc), 18084);
            awaitServing(vip);
            await().atMost(WAIT).until(() -> IpvsTable.format(proxy.table()).contains(" 3      "));
            // weights 3:1 → 30 and 10 of 40 connections
            Map<String, Integer> counts = spread(vip, 40, null);
            assertThat(counts).containsEntry("echo-21", 30).containsEntry("echo-22", 10);
        } finally {
            proxy.close();
        }
    }
}
