package io.kube4j.certs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube4j.certs.pki.KeySpec;
import io.kube4j.certs.pki.Pki;
import io.kube4j.certs.pki.PkiLayout;
import io.kube4j.certs.pki.PkiOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The files as OpenSSL and the real kubectl read them. */
class ExternalToolsIT {

    static final String SERVER = "https://kube4j.example.com:6443";

    @TempDir
    static Path temp;

    static PkiLayout ec;
    static PkiLayout rsa;

    @BeforeAll
    static void initPkis() {
        Pki pki = new Pki(Clock.systemUTC());
        PkiOptions options = PkiOptions.defaults(temp.resolve("ec"))
                .withHosts(List.of("myhost", "10.0.0.5"))
                .withNodes(List.of("n1", "n2"))
                .withServer(URI.create(SERVER));
        ec = pki.init(options).layout();
        rsa = pki.init(PkiOptions.defaults(temp.resolve("rsa"))
                .withKeySpec(KeySpec.RSA_2048)
                .withNodes(List.of("n1"))
                .withServer(URI.create(SERVER))).layout();
    }

    static PkiLayout layout(String keyType) {
        return keyType.equals("ec") ? ec : rsa;
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @CsvSource({
        "ec, apiserver, sslserver",
        "ec, etcd-server, sslserver",
        "ec, etcd-server, sslclient",
        "ec, kubelet-n2-server, sslserver",
        "ec, admin, sslclient",
        "ec, kubelet-n1, sslclient",
        "ec, apiserver-etcd-client, sslclient",
        "rsa, apiserver, sslserver",
        "rsa, admin, sslclient",
    })
    void opensslVerifiesTheCertificateForItsPurpose(String keyType, String name, String purpose) throws Exception {
        Path openssl = ExternalProcess.requireTool("openssl");
        PkiLayout layout = layout(keyType);

        ExternalProcess.Result result = ExternalProcess.run(List.of(openssl.toString(), "verify",
                "-purpose", purpose, "-CAfile", layout.caCertificate().toString(),
                layout.certificate(name).toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo(layout.certificate(name) + ": OK");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ec, ca", "ec, apiserver", "ec, kubelet-n1", "rsa, ca", "rsa, admin"})
    void opensslReadsThePrivateKeys(String keyType, String name) throws Exception {
        Path openssl = ExternalProcess.requireTool("openssl");

        ExternalProcess.Result result = ExternalProcess.run(List.of(openssl.toString(), "pkey", "-noout", "-in",
                layout(keyType).privateKey(name).toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    static Stream<Path> kubeconfigs() {
        return Stream.of("admin", "kube-scheduler", "kube-controller-manager", "kube-proxy", "kubelet-n1", "kubelet-n2",
                "admin-token").map(ec::kubeconfig);
    }

    @ParameterizedTest
    @MethodSource("kubeconfigs")
    void kubectlReadsEveryKubeconfig(Path kubeconfig) throws Exception {
        Path kubectl = ExternalProcess.requireTool("kubectl");

        ExternalProcess.Result result = ExternalProcess.run(List.of(kubectl.toString(), "config", "view",
                "--kubeconfig", kubeconfig.toString(), "--raw", "-o", "json"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode config = new ObjectMapper().readTree(result.out());
        assertThat(config.path("clusters").path(0).path("cluster").path("server").asText()).isEqualTo(SERVER);
        assertThat(config.path("current-context").asText()).isNotEmpty();
        JsonNode user = config.path("users").path(0).path("user");
        assertThat(user.has("client-key-data") || user.has("token")).isTrue();
    }
}
