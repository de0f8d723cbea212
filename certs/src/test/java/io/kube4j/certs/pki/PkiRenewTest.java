package io.kube4j.certs.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A PKI made at {@link #ISSUED} and renewed 300 days later, at {@link #RENEWED}. */
class PkiRenewTest {

    static final Instant ISSUED = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant RENEWED = ISSUED.plus(Duration.ofDays(300));

    final Pki renewer = new Pki(Clock.fixed(RENEWED, ZoneOffset.UTC));

    @TempDir
    Path dir;

    PkiLayout layout;

    @BeforeEach
    void initAtIssued() {
        layout = new Pki(Clock.fixed(ISSUED, ZoneOffset.UTC)).init(PkiOptions.defaults(dir)
                        .withHosts(List.of("myhost", "10.0.0.5"))
                        .withNodes(List.of("n1", "n2"))
                        .withServiceClusterIpRange("172.20.0.0/16")
                        .withServer(URI.create("https://api.example.com:6443")))
                .layout();
    }

    static Stream<String> leaves() {
        return PkiInitTest.leaves();
    }

    @Test
    void keepsTheCaByteForByte() throws Exception {
        byte[] caCertificate = Files.readAllBytes(layout.caCertificate());
        byte[] caKey = Files.readAllBytes(layout.caKey());

        PkiResult result = renewer.renew(RenewOptions.defaults(dir));

        assertThat(Files.readAllBytes(layout.caCertificate())).isEqualTo(caCertificate);
        assertThat(Files.readAllBytes(layout.caKey())).isEqualTo(caKey);
        assertThat(result.written()).doesNotContain(layout.caCertificate(), layout.caKey());
    }

    @ParameterizedTest
    @MethodSource("leaves")
    void reissuesEveryLeafWithANewSerialValidFromNowUnderTheSameCa(String name) {
        X509Certificate before = Pem.readCertificate(layout.certificate(name));

        renewer.renew(RenewOptions.defaults(dir).withValidity(Duration.ofDays(90)));

        X509Certificate after = Pem.readCertificate(layout.certificate(name));
        X509Certificate ca = Pem.readCertificate(layout.caCertificate());
        assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
        assertThat(after.getSubjectX500Principal()).isEqualTo(before.getSubjectX500Principal());
        assertThat(after.getNotBefore().toInstant()).isEqualTo(RENEWED.minus(Duration.ofMinutes(5)));
        assertThat(after.getNotAfter().toInstant()).isEqualTo(RENEWED.plus(Duration.ofDays(90)));
        assertThatCode(() -> Certificates.validateChain(ca, after, RENEWED)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("leaves")
    void keepsEveryLeafKeyAndAllNamesWhenNoneAreGiven(String name) throws Exception {
        byte[] key = Files.readAllBytes(layout.privateKey(name));
        SubjectNames names = SubjectNames.of(Pem.readCertificate(layout.certificate(name)));

        renewer.renew(RenewOptions.defaults(dir));

        assertThat(Files.readAllBytes(layout.privateKey(name))).isEqualTo(key);
        SubjectNames renewed = SubjectNames.of(Pem.readCertificate(layout.certificate(name)));
        assertThat(renewed.dnsNames()).containsExactlyInAnyOrderElementsOf(names.dnsNames());
        assertThat(renewed.ipAddresses()).containsExactlyInAnyOrderElementsOf(names.ipAddresses());
    }

    @Test
    void reissuedKubeconfigsEmbedTheNewCertificateAndKeepTheServer() throws Exception {
        renewer.renew(RenewOptions.defaults(dir));

        String kubeconfig = Files.readString(layout.kubeconfig("kubelet-n2"));
        String certificate = Base64.getEncoder().encodeToString(
                Files.readAllBytes(layout.certificate("kubelet-n2")));
        assertThat(kubeconfig).contains("client-certificate-data: " + certificate)
                .contains("server: https://api.example.com:6443");
    }

    @Test
    void keepsTheServiceAccountKeysAndEveryToken() throws Exception {
        byte[] saKey = Files.readAllBytes(layout.serviceAccountPrivateKey());
        byte[] saPub = Files.readAllBytes(layout.serviceAccountPublicKey());
        List<String> tokens = Files.readAllLines(layout.tokenFile());

        renewer.renew(RenewOptions.defaults(dir));

        assertThat(Files.readAllBytes(layout.serviceAccountPrivateKey())).isEqualTo(saKey);
        assertThat(Files.readAllBytes(layout.serviceAccountPublicKey())).isEqualTo(saPub);
        assertThat(Files.readAllLines(layout.tokenFile())).isEqualTo(tokens);
        assertThat(Files.readString(layout.adminTokenKubeconfig())).contains("token: " + tokens.get(0).split(",")[0]);
    }

    @Test
    void newNodesGetNewKeysAndTokensWhileLeftOutNodesAreLeftAlone() throws Exception {
        byte[] n2Certificate = Files.readAllBytes(layout.certificate("kubelet-n2"));

        renewer.renew(RenewOptions.defaults(dir).withNodes(List.of("n1", "n3")));

        assertThat(Files.readAllBytes(layout.certificate("kubelet-n2"))).isEqualTo(n2Certificate);
        assertThat(Certificates.commonName(Pem.readCertificate(layout.certificate("kubelet-n3"))))
                .isEqualTo("system:node:n3");
        assertThat(layout.privateKey("kubelet-n3-server")).exists();
        assertThat(layout.kubeconfig("kubelet-n3")).exists();
        assertThat(Files.readAllLines(layout.tokenFile()))
                .anyMatch(line -> line.contains(",system:node:n2,"))
                .anyMatch(line -> line.endsWith(",system:node:n3,system:node:n3,\"system:nodes\""));
    }

    @Test
    void givenHostsReplaceTheOldOnesButTheServiceIpStays() throws Exception {
        renewer.renew(RenewOptions.defaults(dir).withHosts(List.of("otherhost", "10.0.0.6")));

        SubjectNames apiserver = SubjectNames.of(Pem.readCertificate(layout.certificate("apiserver")));
        assertThat(apiserver.dnsNames()).contains("otherhost").doesNotContain("myhost");
        assertThat(apiserver.ipAddresses())
                .contains(InetAddress.getByName("10.0.0.6"), InetAddress.getByName("172.20.0.1"))
                .doesNotContain(InetAddress.getByName("10.0.0.5"));
        SubjectNames etcd = SubjectNames.of(Pem.readCertificate(layout.certificate("etcd-server")));
        assertThat(etcd.dnsNames()).containsExactlyInAnyOrder("localhost", "otherhost");
    }

    @Test
    void newKeysOfAnRsaPkiAreRsaToo() throws Exception {
        Path rsaDir = Files.createDirectory(dir.resolve("rsa"));
        PkiLayout rsa = new Pki(Clock.fixed(ISSUED, ZoneOffset.UTC))
                .init(PkiOptions.defaults(rsaDir).withKeySpec(KeySpec.RSA_2048)).layout();

        renewer.renew(RenewOptions.defaults(rsaDir).withNodes(List.of("n9")));

        assertThat(Pem.readPrivateKey(rsa.privateKey("kubelet-n9")).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void refusesADirectoryWithoutACa() throws Exception {
        Files.delete(layout.caKey());

        assertThatThrownBy(() -> renewer.renew(RenewOptions.defaults(dir)))
                .isInstanceOf(PkiException.class)
                .hasMessage(layout.caKey() + " is missing; run init first");
    }

    @Test
    void refusesALeafKeyThatDoesNotBelongToItsCertificate() throws Exception {
        Files.copy(layout.privateKey("admin"), layout.privateKey("kube-proxy"),
                StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> renewer.renew(RenewOptions.defaults(dir)))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("the private key does not belong to the certificate")
                .hasMessageContaining("kube-proxy.key");
    }
}
