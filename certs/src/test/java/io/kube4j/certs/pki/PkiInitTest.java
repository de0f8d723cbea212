package io.kube4j.certs.pki;

import static io.kube4j.certs.pki.Certificates.CLIENT_AUTH;
import static io.kube4j.certs.pki.Certificates.SERVER_AUTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** One EC PKI made once at a fixed instant; every test reads it. */
class PkiInitTest {

    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    @TempDir
    static Path temp;

    static PkiResult result;
    static PkiLayout layout;
    static X509Certificate ca;

    @BeforeAll
    static void initPki() {
        result = new Pki(Clock.fixed(NOW, ZoneOffset.UTC)).init(PkiOptions.defaults(temp.resolve("pki"))
                .withHosts(List.of("MyHost", "10.0.0.5", "fd00::5"))
                .withNodes(List.of("n1", "n2")));
        layout = result.layout();
        ca = Pem.readCertificate(layout.caCertificate());
    }

    static Stream<String> leaves() {
        return Stream.of("apiserver", "apiserver-kubelet-client", "apiserver-etcd-client", "etcd-server",
                "admin", "kube-scheduler", "kube-controller-manager", "kube-proxy",
                "kubelet-n1", "kubelet-n2", "kubelet-n1-server", "kubelet-n2-server");
    }

    static Stream<String> kubeconfigs() {
        return Stream.of("admin", "kube-scheduler", "kube-controller-manager", "kube-proxy",
                "kubelet-n1", "kubelet-n2");
    }

    static X509Certificate certificate(String name) {
        return Pem.readCertificate(layout.certificate(name));
    }

    @Test
    void caIsASelfSignedAuthorityThatOnlySignsCertificatesAndRevocationLists() throws Exception {
        assertThat(Certificates.commonName(ca)).isEqualTo("kube4j-ca");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThatCode(() -> ca.verify(ca.getPublicKey())).doesNotThrowAnyException();
        assertThat(ca.getBasicConstraints()).isNotNegative();
        // keyUsage bits: 0 digitalSignature ... 5 keyCertSign, 6 cRLSign.
        assertThat(ca.getKeyUsage()).startsWith(false, false, false, false, false, true, true);
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
        // 3650 days from now, and five minutes of clock skew before it.
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
    }

    @ParameterizedTest
    @MethodSource("leaves")
    void everyLeafChainsToTheCaUnderThePkixValidator(String name) {
        X509Certificate leaf = certificate(name);

        assertThatCode(() -> Certificates.validateChain(ca, leaf, NOW)).doesNotThrowAnyException();
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @ParameterizedTest
    @MethodSource("leaves")
    void everyLeafIsValidFromFiveMinutesAgoForAYear(String name) {
        X509Certificate leaf = certificate(name);

        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @ParameterizedTest
    @MethodSource("leaves")
    void everyLeafSignsOnlyAndNamesItsKeyAndItsAuthority(String name) throws Exception {
        X509Certificate leaf = certificate(name);

        // EC keys cannot encipher, so digitalSignature is the only key usage.
        assertThat(leaf.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(Certificates.subjectKeyIdentifier(leaf)).isNotEmpty();
        assertThat(Certificates.authorityKeyIdentifier(leaf)).isEqualTo(Certificates.subjectKeyIdentifier(ca));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            apiserver                | kube-apiserver                 |                 | serverAuth
            apiserver-kubelet-client | kube-apiserver-kubelet-client  | system:masters  | clientAuth
            apiserver-etcd-client    | kube-apiserver-etcd-client     |                 | clientAuth
            etcd-server              | kube4j-etcd                    |                 | serverAuth+clientAuth
            admin                    | admin                          | system:masters  | clientAuth
            kube-scheduler           | system:kube-scheduler          |                 | clientAuth
            kube-controller-manager  | system:kube-controller-manager |                 | clientAuth
            kube-proxy               | system:kube-proxy              |                 | clientAuth
            kubelet-n1               | system:node:n1                 | system:nodes    | clientAuth
            kubelet-n2               | system:node:n2                 | system:nodes    | clientAuth
            kubelet-n1-server        | system:node:n1                 | system:nodes    | serverAuth
            kubelet-n2-server        | system:node:n2                 | system:nodes    | serverAuth
            """)
    void everyLeafNamesItsSubjectAndPurposes(String name, String commonName, String organization, String purposes)
            throws Exception {
        X509Certificate leaf = certificate(name);

        assertThat(Certificates.commonName(leaf)).isEqualTo(commonName);
        assertThat(Certificates.organizations(leaf))
                .containsExactlyElementsOf(organization == null ? List.of() : List.of(organization));
        List<String> expected = new ArrayList<>();
        if (purposes.contains("serverAuth")) {
            expected.add(SERVER_AUTH);
        }
        if (purposes.contains("clientAuth")) {
            expected.add(CLIENT_AUTH);
        }
        assertThat(Certificates.extendedKeyUsages(leaf)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void apiserverIsNamedByLocalhostTheHostsTheServiceIpAndTheKubernetesService() throws Exception {
        SubjectNames names = SubjectNames.of(certificate("apiserver"));

        assertThat(names.dnsNames()).containsExactlyInAnyOrder("localhost", "myhost", "kubernetes",
                "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");
        // 10.96.0.0/12 is the default service range; its first address is the kubernetes service.
        assertThat(names.ipAddresses()).containsExactlyInAnyOrder(ip("127.0.0.1"), ip("::1"), ip("10.0.0.5"),
                ip("fd00::5"), ip("10.96.0.1"));
    }

    @Test
    void etcdServerIsNamedByLocalhostAndTheHostsOnly() throws Exception {
        SubjectNames names = SubjectNames.of(certificate("etcd-server"));

        assertThat(names.dnsNames()).containsExactlyInAnyOrder("localhost", "myhost");
        assertThat(names.ipAddresses())
                .containsExactlyInAnyOrder(ip("127.0.0.1"), ip("::1"), ip("10.0.0.5"), ip("fd00::5"));
    }

    @Test
    void kubeletServingPairsAreNamedByTheirNodeAndLocalhost() throws Exception {
        SubjectNames names = SubjectNames.of(certificate("kubelet-n2-server"));

        assertThat(names.dnsNames()).containsExactly("n2", "localhost");
        assertThat(names.ipAddresses()).containsExactly(ip("127.0.0.1"));
    }

    @Test
    void clientCertificatesCarryNoAlternativeNames() throws Exception {
        assertThat(certificate("admin").getSubjectAlternativeNames()).isNull();
    }

    @Test
    void serialsArePositiveRandom128BitNumbersThatNeverRepeat() {
        List<BigInteger> serials = Stream.concat(Stream.of("ca"), leaves())
                .map(name -> certificate(name).getSerialNumber())
                .toList();

        assertThat(serials).allSatisfy(serial -> {
            assertThat(serial.signum()).isEqualTo(1);
            assertThat(serial.bitLength()).isEqualTo(128);
        });
        assertThat(Set.copyOf(serials)).hasSameSizeAs(serials);
    }

    @ParameterizedTest
    @MethodSource("leaves")
    void everyPrivateKeyIsPkcs8PemAndBelongsToItsCertificate(String name) throws Exception {
        String pem = Files.readString(layout.privateKey(name));
        PrivateKey key = Pem.readPrivateKey(layout.privateKey(name));

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(signs(key, certificate(name).getPublicKey(), "SHA256withECDSA")).isTrue();
    }

    @Test
    void privateFilesAreOwnerOnlyAndPublicFilesWorldReadable() throws Exception {
        try (Stream<Path> files = Files.list(layout.dir())) {
            assertThat(files).allSatisfy(file -> {
                String name = file.getFileName().toString();
                boolean isPublic = name.endsWith(".crt") || name.equals("sa.pub");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(name)
                        .isEqualTo(isPublic ? "rw-r--r--" : "rw-------");
            });
        }
    }

    @Test
    void reportsEveryFileItWroteAndWritesNothingElse() throws Exception {
        try (Stream<Path> files = Files.list(layout.dir())) {
            assertThat(files.collect(Collectors.toSet())).isEqualTo(Set.copyOf(result.written()));
        }
        // 13 pairs with the CA, 6 client kubeconfigs, sa.key, sa.pub, tokens.csv, admin-token.kubeconfig.
        assertThat(result.written()).hasSize(13 * 2 + 6 + 4);
    }

    @ParameterizedTest
    @MethodSource("kubeconfigs")
    void everyClientIdentityHasAKubeconfigEmbeddingItsPairAndTheCa(String name) throws Exception {
        JsonNode config = yaml(layout.kubeconfig(name));

        assertThat(config.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(config.path("kind").asText()).isEqualTo("Config");
        JsonNode cluster = config.path("clusters").path(0);
        assertThat(cluster.path("name").asText()).isEqualTo("kube4j");
        assertThat(cluster.path("cluster").path("server").asText()).isEqualTo("https://127.0.0.1:6443");
        assertThat(decode(cluster.path("cluster").path("certificate-authority-data")))
                .isEqualTo(Files.readString(layout.caCertificate()));
        JsonNode user = config.path("users").path(0);
        String userName = Certificates.commonName(certificate(name));
        assertThat(user.path("name").asText()).isEqualTo(userName);
        assertThat(decode(user.path("user").path("client-certificate-data")))
                .isEqualTo(Files.readString(layout.certificate(name)));
        assertThat(decode(user.path("user").path("client-key-data")))
                .isEqualTo(Files.readString(layout.privateKey(name)));
        JsonNode context = config.path("contexts").path(0);
        assertThat(context.path("context").path("cluster").asText()).isEqualTo("kube4j");
        assertThat(context.path("context").path("user").asText()).isEqualTo(userName);
        assertThat(config.path("current-context").asText()).isEqualTo(context.path("name").asText());
    }

    @Test
    void tokenFileHasOneRandomTokenPerIdentityWithItsGroups() throws Exception {
        List<String> lines = Files.readAllLines(layout.tokenFile());

        // token, user, uid = user, then the groups quoted as one CSV field when there are any.
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).matches("[A-Za-z0-9_-]{43},admin,admin,\"system:masters\"");
        assertThat(lines.get(1)).matches("[A-Za-z0-9_-]{43},system:kube-scheduler,system:kube-scheduler");
        assertThat(lines.get(2))
                .matches("[A-Za-z0-9_-]{43},system:kube-controller-manager,system:kube-controller-manager");
        assertThat(lines.get(3)).matches("[A-Za-z0-9_-]{43},system:kube-proxy,system:kube-proxy");
        assertThat(lines.get(4)).matches("[A-Za-z0-9_-]{43},system:node:n1,system:node:n1,\"system:nodes\"");
        assertThat(lines.get(5)).matches("[A-Za-z0-9_-]{43},system:node:n2,system:node:n2,\"system:nodes\"");
        assertThat(lines.stream().map(line -> line.split(",")[0]).distinct()).hasSize(6);
    }

    @Test
    void adminTokenKubeconfigAuthenticatesWithAdminsToken() throws Exception {
        JsonNode config = yaml(layout.adminTokenKubeconfig());
        String adminToken = Files.readAllLines(layout.tokenFile()).get(0).split(",")[0];

        assertThat(config.path("users").path(0).path("user").path("token").asText()).isEqualTo(adminToken);
        assertThat(config.path("users").path(0).path("user").has("client-key-data")).isFalse();
        assertThat(config.path("clusters").path(0).path("cluster").path("server").asText())
                .isEqualTo("https://127.0.0.1:6443");
    }

    @Test
    void serviceAccountKeysAreAnRsa2048PairThatSignsRs256EvenInEcMode() throws Exception {
        PrivateKey privateKey = Pem.readPrivateKey(layout.serviceAccountPrivateKey());
        PublicKey publicKey = Pem.readPublicKey(layout.serviceAccountPublicKey());

        assertThat(Files.readString(layout.serviceAccountPrivateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(layout.serviceAccountPublicKey())).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(2048);
        assertThat(signs(privateKey, publicKey, "SHA256withRSA")).isTrue();
    }

    @Test
    void refusesADirectoryThatIsNotEmpty() {
        Pki pki = new Pki(Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> pki.init(PkiOptions.defaults(layout.dir())))
                .isInstanceOf(PkiException.class)
                .hasMessage("refusing to write into " + layout.dir() + ": it is not empty (use --force to overwrite)");
    }

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    static boolean signs(PrivateKey privateKey, PublicKey publicKey, String algorithm) throws Exception {
        byte[] data = "probe".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(signature);
    }

    static JsonNode yaml(Path file) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    }

    static String decode(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.US_ASCII);
    }
}
