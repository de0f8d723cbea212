package io.kube4j.scheduler.it;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.scheduler.testing.ClusterFixture;
import io.kube4j.scheduler.testing.SchedulerProcess;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kube-scheduler executable: health and metrics over HTTPS, JSON logs, SIGTERM, and failing fast. */
@EtcdTest
class SchedulerCommandIT {

    static final String NS = "cmd";
    static ClusterFixture fixture;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        fixture = ClusterFixture.start(etcd);
        fixture.namespace(NS);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void servesHealthAndMetricsLogsJsonSchedulesAndStopsCleanlyOnSigterm() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (SchedulerProcess scheduler = SchedulerProcess.launch("cmd", "--kubeconfig",
                fixture.kubeconfig("kube-scheduler").toString(), "--secure-port", Integer.toString(port),
                "--bind-address", "127.0.0.1", "--leader-elect=false", "--log-format", "json")) {
            HttpClient https = HttpClient.newBuilder().sslContext(trustingEveryone()).build();
            URI healthz = URI.create("https://127.0.0.1:" + port + "/healthz");
            String health = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> https.send(HttpRequest.newBuilder(healthz).build(), HttpResponse.BodyHandlers.ofString()).body(),
                            "ok"::equals);
            assertThat(health).isEqualTo("ok");

            fixture.createNode(node("n1"));
            fixture.createPod(NS, pod("p"));
            assertThat(fixture.awaitBound(NS, "p")).isEqualTo("n1");
            // the binding thread counts the attempt just after the API call returns: poll for it
            String scheduled = "scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"scheduled\"} 1";
            URI metricsUri = URI.create("https://127.0.0.1:" + port + "/metrics");
            String metrics = await().atMost(Duration.ofSeconds(10)).until(() -> https.send(
                    HttpRequest.newBuilder(metricsUri).build(), HttpResponse.BodyHandlers.ofString()).body(), m -> m.contains(scheduled));
            assertThat(metrics)
                    .contains("scheduler_e2e_scheduling_duration_seconds_bucket")
                    .contains("scheduler_pending_pods{queue=\"active\"} 0");

            List<String> logged = scheduler.lines().stream().filter(l -> l.startsWith("{")).toList();
            assertThat(logged).isNotEmpty();
            assertThat(Json.parse(logged.get(0)).has("message")).isTrue();

            assertThat(scheduler.terminate(Duration.ofSeconds(20))).isZero();
        }
    }

    @Test
    void anUnreachableApiserverEndsItWithExitCodeOneAndOneLine() throws Exception {
        Path kubeconfig = fixture.kubeconfig("kube-scheduler");
        Files.writeString(kubeconfig, Files.readString(kubeconfig).replace(fixture.cluster().url().toString(),
                "https://127.0.0.1:1"));
        try (SchedulerProcess scheduler = SchedulerProcess.launch("dead", "--kubeconfig", kubeconfig.toString(),
                "--secure-port", "0")) {
            assertThat(scheduler.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.printed(l -> l.startsWith("kube-scheduler: ")));
            assertThat(scheduler.lines()).filteredOn(l -> l.startsWith("kube-scheduler: ")).singleElement().asString()
                    .startsWith("kube-scheduler: cannot use the apiserver at https://127.0.0.1:1");
        }
    }

    static SSLContext trustingEveryone() throws Exception {
        X509TrustManager all = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {all}, null);
        return tls;
    }
}
