package io.kube4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.apiserver.server.ApiServer;
import io.kube4j.apiserver.server.ApiServerConfig;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.certs.pki.Pki;
import io.kube4j.certs.pki.PkiOptions;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.EtcdProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** With etcd gone the apiserver answers 503 quickly (never 500 or a hang) and recovers by itself. */
class EtcdOutageIT {

    @Test
    void answers503WhileEtcdIsDownAndRecoversWithoutRestart() throws Exception {
        Path etcdBinary = Path.of("/usr/bin/etcd");
        if (!Files.isExecutable(etcdBinary)) {
            Assumptions.assumeFalse("true".equals(System.getenv("CI")), "CI must have /usr/bin/etcd");
            Assumptions.abort("no /usr/bin/etcd: install etcd-server to run the outage test");
        }
        Path pki = Files.createTempDirectory("kube4j-pki-");
        new Pki(Clock.systemUTC()).init(PkiOptions.defaults(pki));
        EtcdProcess etcd = EtcdProcess.start(etcdBinary);
        ApiServerConfig config = ApiServerConfig.of("127.0.0.1", 0, List.of(etcd.endpoint()), "/registry",
                pki.resolve("apiserver.crt"), pki.resolve("apiserver.key"), pki.resolve("ca.crt"), null)
                .withCompactionInterval(Duration.ZERO);
        try (ApiServer server = new ApiServer(config, Clock.systemUTC()).start()) {
            TestClient admin = TestClient.withCertificate(server.url(), pki, "admin");
            assertThat(admin.post("/api/v1/namespaces/default/configmaps", Json.parse("{\"metadata\":{\"name\":\"before\"}}")).code()).isEqualTo(201);

            etcd.suspend();
            try {
                long start = System.nanoTime();
                TestClient.Reply down = admin.get("/api/v1/namespaces/default/configmaps/before");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(down.code()).as(down.body()).isEqualTo(503);
                assertThat(down.json().path("reason").asText()).isEqualTo("ServiceUnavailable");
                assertThat(millis).as("answered within the etcd timeout").isLessThan(15_000);
                await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/readyz").code() == 503);
            } finally {
                etcd.resume();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/readyz").code() == 200);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.get("/api/v1/namespaces/default/configmaps/before").code() == 200);
            assertThat(admin.post("/api/v1/namespaces/default/configmaps", Json.parse("{\"metadata\":{\"name\":\"after\"}}")).code()).isEqualTo(201);
        } finally {
            etcd.close();
        }
    }
}
