package io.kube4j.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InClusterConfigTest {

    static final TestCerts.Issued CA = TestCerts.ca("cluster-ca");
    static final Map<String, String> ENV = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443");

    @TempDir
    Path mount;

    @BeforeEach
    void mountServiceAccount() throws IOException {
        Files.writeString(mount.resolve("ca.crt"), TestCerts.pem(CA.certificate()));
        Files.writeString(mount.resolve("token"), "sa-token\n");
        Files.writeString(mount.resolve("namespace"), "kube-system");
    }

    @Test
    void readsTheServiceFromTheEnvironmentAndTheRestFromTheMount() {
        ClientConfig config = InClusterConfig.load(ENV, mount);

        assertThat(config.server()).isEqualTo(URI.create("https://10.96.0.1:443"));
        assertThat(config.certificateAuthorities()).containsExactly(CA.certificate());
        assertThat(config.token().get()).isEqualTo("sa-token");
        assertThat(config.namespace()).isEqualTo("kube-system");
    }

    @Test
    void bracketsAnIpv6ServiceAddressAndDefaultsTheNamespace() throws IOException {
        Files.delete(mount.resolve("namespace"));

        ClientConfig config = InClusterConfig.load(
                Map.of("KUBERNETES_SERVICE_HOST", "fd00::1", "KUBERNETES_SERVICE_PORT", "6443"), mount);

        assertThat(config.server()).isEqualTo(URI.create("https://[fd00::1]:6443"));
        assertThat(config.namespace()).isEqualTo("default");
    }

    @Test
    void outsideAClusterSaysWhatIsMissing() {
        assertThatThrownBy(() -> InClusterConfig.load(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"), mount))
                .isInstanceOf(KubeconfigException.class)
                .hasMessageContaining("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set");
    }

    @Test
    void aMissingTokenOrCaNamesTheFile() throws IOException {
        Files.delete(mount.resolve("token"));
        assertThatThrownBy(() -> InClusterConfig.load(ENV, mount))
                .hasMessage("in-cluster config: token file " + mount.resolve("token") + " does not exist");

        Files.delete(mount.resolve("ca.crt"));
        assertThatThrownBy(() -> InClusterConfig.load(ENV, mount))
                .hasMessage("in-cluster config: CA file " + mount.resolve("ca.crt") + " does not exist");
    }
}
