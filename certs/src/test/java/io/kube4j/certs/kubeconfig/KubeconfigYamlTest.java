package io.kube4j.certs.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class KubeconfigYamlTest {

    static final URI SERVER = URI.create("https://127.0.0.1:6443");

    @Test
    void writesTheStandardLayoutWithEmbeddedBase64Pem() {
        Kubeconfig config = new Kubeconfig("kube4j", SERVER, "CA\n", "system:node:n1",
                new Credentials.ClientCertificate("CERT\n", "KEY\n"));

        // base64("CA\n") = Q0EK, base64("CERT\n") = Q0VSVAo=, base64("KEY\n") = S0VZCg==
        assertThat(KubeconfigYaml.write(config)).isEqualTo("""
                apiVersion: v1
                kind: Config
                clusters:
                - name: kube4j
                  cluster:
                    server: https://127.0.0.1:6443
                    certificate-authority-data: Q0EK
                users:
                - name: system:node:n1
                  user:
                    client-certificate-data: Q0VSVAo=
                    client-key-data: S0VZCg==
                contexts:
                - name: system:node:n1@kube4j
                  context:
                    cluster: kube4j
                    user: system:node:n1
                current-context: system:node:n1@kube4j
                preferences: {}
                """);
    }

    @Test
    void aBearerTokenUserCarriesOnlyTheToken() {
        Kubeconfig config = new Kubeconfig("kube4j", SERVER, "CA\n", "admin", new Credentials.BearerToken("abc-_1"));

        assertThat(KubeconfigYaml.write(config))
                .contains("""
                        users:
                        - name: admin
                          user:
                            token: abc-_1
                        contexts:
                        """)
                .doesNotContain("client-certificate-data");
    }

    @Test
    void readsTheServerBackFromWhatItWrote() {
        URI server = URI.create("https://api.example.com:7443");
        String yaml = KubeconfigYaml.write(
                new Kubeconfig("kube4j", server, "CA\n", "admin", new Credentials.BearerToken("t")));

        assertThat(KubeconfigYaml.readServer(yaml)).contains(server);
        assertThat(KubeconfigYaml.readServer("apiVersion: v1\n")).isEmpty();
        assertThatThrownBy(() -> KubeconfigYaml.readServer("clusters: [")).isInstanceOf(IllegalArgumentException.class);
    }
}
