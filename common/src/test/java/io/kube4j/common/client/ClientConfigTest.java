package io.kube4j.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    static final URI SERVER = URI.create("https://127.0.0.1:6443");

    @Test
    void startsFromDefaults() {
        ClientConfig config = ClientConfig.forServer(SERVER);

        assertThat(config.namespace()).isEqualTo("default");
        assertThat(config.qps()).isEqualTo(50);
        assertThat(config.burst()).isEqualTo(100);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.insecureSkipTlsVerify()).isFalse();
        assertThat(config.userAgent()).isEqualTo("kube4j");
        assertThat(config.toString()).contains("auth=anonymous");
    }

    @Test
    void withMethodsChangeOnlyTheirPart() {
        ClientConfig base = ClientConfig.forServer(SERVER).withNamespace("a").withToken(() -> "t");

        ClientConfig changed = base.withRateLimit(5, 10).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .withServer(URI.create("https://other:443")).withUserAgent("kube-scheduler/0.1");

        assertThat(changed.namespace()).isEqualTo("a");
        assertThat(changed.token().get()).isEqualTo("t");
        assertThat(changed.qps()).isEqualTo(5);
        assertThat(changed.burst()).isEqualTo(10);
        assertThat(changed.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(changed.server().getHost()).isEqualTo("other");
        assertThat(changed.userAgent()).isEqualTo("kube-scheduler/0.1");
        assertThat(base.server()).isEqualTo(SERVER);
        assertThat(base.withNamespace(null).namespace()).isEqualTo("default");
    }

    @Test
    void refusesInconsistentSettings() {
        ClientConfig base = ClientConfig.forServer(SERVER);
        TestCerts.Issued ca = TestCerts.ca("c");

        assertThatThrownBy(() -> ClientConfig.forServer(URI.create("ftp://x"))).hasMessageContaining("http(s)://host");
        assertThatThrownBy(() -> ClientConfig.forServer(URI.create("/relative"))).hasMessageContaining("http(s)://host");
        assertThatThrownBy(() -> base.withClientCertificate(List.of(ca.certificate()), null))
                .hasMessageContaining("needs its private key");
        assertThatThrownBy(() -> base.withRateLimit(10, 0)).hasMessageContaining("burst");
        assertThatThrownBy(() -> base.withTimeouts(Duration.ZERO, null)).hasMessageContaining("connect timeout");
        assertThatThrownBy(() -> base.withCertificateAuthorities(List.of(ca.certificate())).withInsecureSkipTlsVerify(true))
                .hasMessageContaining("exclude each other");
    }

    @Test
    void buildsAnSslContextWithItsClientCertificate() {
        TestCerts.Issued ca = TestCerts.ca("c");
        TestCerts.Issued client = TestCerts.issue(ca, "admin", TestCerts.ec(), List.of());
        ClientConfig config = ClientConfig.forServer(SERVER).withCertificateAuthorities(List.of(ca.certificate()))
                .withClientCertificate(List.of(client.certificate()), client.keys().getPrivate());

        assertThat(Tls.context(config).getProtocol()).isEqualTo("TLS");
        assertThat(config.toString()).contains("client certificate CN=admin");
    }
}
