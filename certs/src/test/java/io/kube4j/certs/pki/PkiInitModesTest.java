package io.kube4j.certs.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Init with options other than the defaults. */
class PkiInitModesTest {

    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    final Pki pki = new Pki(Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    Path temp;

    @Test
    void rsaModeIssuesRsaKeysSignedWithSha256WithRsa() throws Exception {
        PkiLayout layout = pki.init(PkiOptions.defaults(temp).withKeySpec(KeySpec.RSA_2048).withNodes(List.of("n1")))
                .layout();
        X509Certificate ca = Pem.readCertificate(layout.caCertificate());
        X509Certificate apiserver = Pem.readCertificate(layout.certificate("apiserver"));

        assertThat(((RSAPublicKey) ca.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(((RSAPublicKey) apiserver.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(apiserver.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(Pem.readPrivateKey(layout.privateKey("kubelet-n1")).getAlgorithm()).isEqualTo("RSA");
        assertThat(Files.readString(layout.privateKey("kubelet-n1"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThatCode(() -> Certificates.validateChain(ca, apiserver, NOW)).doesNotThrowAnyException();
        // keyUsage bits: 0 digitalSignature, 2 keyEncipherment.
        assertThat(apiserver.getKeyUsage()).startsWith(true, false, true, false, false, false, false);
    }

    @Test
    void rsaKeysHaveTheRequestedSize() {
        KeyPair keys = KeySpec.rsa(3072).generate(new SecureRandom());

        assertThat(((RSAPublicKey) keys.getPublic()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(KeySpec.of(keys.getPublic())).isEqualTo(KeySpec.rsa(3072));
    }

    @Test
    void rsaKeysSmallerThan2048BitsAreRejected() {
        assertThatThrownBy(() -> KeySpec.rsa(1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RSA key size 1024 is out of range: use 2048 to 16384 bits");
    }

    @Test
    void serviceRangeServerAndValidityAreHonoured() throws Exception {
        PkiLayout layout = pki.init(PkiOptions.defaults(temp)
                        .withServiceClusterIpRange("172.20.0.0/16")
                        .withServer(URI.create("https://api.example.com:7443"))
                        .withCaValidity(Duration.ofDays(30))
                        .withValidity(Duration.ofDays(7)))
                .layout();
        X509Certificate apiserver = Pem.readCertificate(layout.certificate("apiserver"));

        assertThat(SubjectNames.of(apiserver).ipAddresses()).contains(InetAddress.getByName("172.20.0.1"))
                .doesNotContain(InetAddress.getByName("10.96.0.1"));
        assertThat(Files.readString(layout.kubeconfig("admin"))).contains("server: https://api.example.com:7443");
        assertThat(Pem.readCertificate(layout.caCertificate()).getNotAfter().toInstant())
                .isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(apiserver.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void forceWritesANewCaOverAnExistingPki() {
        PkiLayout layout = pki.init(PkiOptions.defaults(temp)).layout();
        X509Certificate firstCa = Pem.readCertificate(layout.caCertificate());

        pki.init(PkiOptions.defaults(temp).withForce(true));

        X509Certificate secondCa = Pem.readCertificate(layout.caCertificate());
        assertThat(secondCa.getPublicKey()).isNotEqualTo(firstCa.getPublicKey());
        assertThatCode(() -> Certificates.validateChain(
                secondCa, Pem.readCertificate(layout.certificate("apiserver")), NOW)).doesNotThrowAnyException();
    }

    @Test
    void refusesAPathThatIsAFile() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> pki.init(PkiOptions.defaults(file).withForce(true)))
                .isInstanceOf(PkiException.class)
                .hasMessage(file + " exists and is not a directory");
    }

    @Test
    void optionsRejectBadValuesWithOneLineMessages() {
        PkiOptions options = PkiOptions.defaults(temp);

        assertThatThrownBy(() -> options.withHosts(List.of("10.0.0.300")))
                .hasMessage("'10.0.0.300' is not a valid IP address");
        assertThatThrownBy(() -> options.withNodes(List.of("Node1")))
                .hasMessageStartingWith("node name 'Node1' is not a lower-case RFC 1123 subdomain");
        assertThatThrownBy(() -> options.withServer(URI.create("http://127.0.0.1:6443")))
                .hasMessage("server 'http://127.0.0.1:6443' is not an https:// URL with a host");
        assertThatThrownBy(() -> options.withValidity(Duration.ZERO))
                .hasMessage("certificate validity must be positive, not 0 days");
        assertThatThrownBy(() -> options.withServiceClusterIpRange("10.96.0.0"))
                .hasMessage("service cluster IP range '10.96.0.0' is not a CIDR like 10.96.0.0/12");
    }
}
