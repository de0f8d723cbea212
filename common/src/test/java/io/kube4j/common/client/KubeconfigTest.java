package io.kube4j.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeconfigTest {

    static final TestCerts.Issued CA = TestCerts.ca("test-ca");
    static final KeyPair EC = TestCerts.ec();
    static final KeyPair RSA = TestCerts.rsa();
    static final TestCerts.Issued ALICE = TestCerts.issue(CA, "alice", EC, List.of());
    static final TestCerts.Issued BOB = TestCerts.issue(CA, "bob", RSA, List.of());

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} key as {1}")
    @CsvSource({"EC, traditional", "EC, pkcs8", "RSA, traditional", "RSA, pkcs8"})
    void readsEmbeddedCertificatesAndKeysInEveryPemEncoding(String type, String encoding) throws Exception {
        TestCerts.Issued user = type.equals("EC") ? ALICE : BOB;
        String keyPem = encoding.equals("pkcs8") ? TestCerts.pkcs8Pem(user.keys().getPrivate())
                : TestCerts.traditionalPem(user.keys());
        Path file = write(config(
                "server: https://10.0.0.1:6443\ncertificate-authority-data: " + base64(TestCerts.pem(CA.certificate())),
                "client-certificate-data: " + base64(TestCerts.pem(user.certificate()))
                        + "\nclient-key-data: " + base64(keyPem)));

        ClientConfig config = Kubeconfig.load(file, null);

        assertThat(config.server()).isEqualTo(URI.create("https://10.0.0.1:6443"));
        assertThat(config.certificateAuthorities()).containsExactly(CA.certificate());
        assertThat(config.clientCertificateChain()).containsExactly(user.certificate());
        assertThat(config.clientKey().getAlgorithm()).isEqualTo(type);
        assertThat(signsFor(config.clientKey(), user)).as("the key belongs to the certificate").isTrue();
        assertThat(config.token()).isNull();
        assertThat(config.namespace()).isEqualTo("team-a");
        assertThat(config.qps()).isEqualTo(ClientConfig.DEFAULT_QPS);
        assertThat(config.burst()).isEqualTo(ClientConfig.DEFAULT_BURST);
    }

    @Test
    void resolvesRelativeFilePathsAgainstTheKubeconfigsDirectory() throws IOException {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        Files.writeString(pki.resolve("ca.crt"), TestCerts.pem(CA.certificate()));
        Files.writeString(pki.resolve("alice.crt"), TestCerts.pem(ALICE.certificate()));
        Files.writeString(pki.resolve("alice.key"), TestCerts.traditionalPem(EC));
        Path file = Files.createDirectories(dir.resolve("conf")).resolve("kubeconfig");
        Files.writeString(file, config("server: https://k:6443\ncertificate-authority: ../pki/ca.crt",
                "client-certificate: ../pki/alice.crt\nclient-key: " + pki.resolve("alice.key")));

        ClientConfig config = Kubeconfig.load(file, null);

        assertThat(config.certificateAuthorities()).containsExactly(CA.certificate());
        assertThat(config.clientCertificateChain()).containsExactly(ALICE.certificate());
    }

    @Test
    void embeddedDataWinsOverAFileOfTheSameField() throws IOException {
        Path file = write(config("server: https://k:6443\ncertificate-authority: missing.crt\n"
                + "certificate-authority-data: " + base64(TestCerts.pem(CA.certificate())), "token: abc"));

        assertThat(Kubeconfig.load(file, null).certificateAuthorities()).containsExactly(CA.certificate());
    }

    @Test
    void aContextOverrideSelectsItsOwnClusterUserAndNamespace() throws IOException {
        Path file = write("""
                clusters:
                - {name: one, cluster: {server: "https://one:6443"}}
                - {name: two, cluster: {server: "https://two:6443"}}
                users:
                - {name: u1, user: {token: t1}}
                - {name: u2, user: {token: t2}}
                contexts:
                - {name: first, context: {cluster: one, user: u1, namespace: n1}}
                - {name: second, context: {cluster: two, user: u2}}
                current-context: first
                """);

        ClientConfig current = Kubeconfig.load(file, null);
        ClientConfig second = Kubeconfig.load(file, "second");

        assertThat(current.server().getHost()).isEqualTo("one");
        assertThat(current.token().get()).isEqualTo("t1");
        assertThat(current.namespace()).isEqualTo("n1");
        assertThat(second.server().getHost()).isEqualTo("two");
        assertThat(second.token().get()).isEqualTo("t2");
        assertThat(second.namespace()).isEqualTo("default");
    }

    @Test
    void aContextWithoutAUserIsAnonymous() throws IOException {
        Path file = write("""
                clusters: [{name: c, cluster: {server: "https://k:6443"}}]
                contexts: [{name: ctx, context: {cluster: c}}]
                current-context: ctx
                """);

        ClientConfig config = Kubeconfig.load(file, "");

        assertThat(config.token()).isNull();
        assertThat(config.clientKey()).isNull();
    }

    @Test
    void anInlineTokenIsSentAsIsAndNeverPrinted() throws IOException {
        ClientConfig config = Kubeconfig.load(write(config("server: https://k:6443", "token: s3cret")), null);

        assertThat(config.token().get()).isEqualTo("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret").contains("bearer token");
        assertThat(config.token().toString()).doesNotContain("s3cret");
    }

    @Test
    void aTokenFileIsResolvedRelativelyAndWinsOverAnInlineToken() throws IOException {
        Files.writeString(dir.resolve("token"), "from-file\n");
        ClientConfig config = Kubeconfig.load(write(config("server: https://k:6443", "token: inline\ntokenFile: token")), null);

        assertThat(config.token().get()).isEqualTo("from-file");
    }

    @Test
    void keepsTheTlsServerNameAndAcceptsInsecureOnlyWhenAskedTo() throws IOException {
        Path named = write(config("server: https://10.0.0.1:6443\ntls-server-name: api.internal", ""));
        assertThat(Kubeconfig.load(named, null).tlsServerName()).isEqualTo("api.internal");

        Path insecure = write(config("server: https://k:6443\ninsecure-skip-tls-verify: true", ""));
        assertThatThrownBy(() -> Kubeconfig.load(insecure, null))
                .isInstanceOf(KubeconfigException.class)
                .hasMessage("kubeconfig " + insecure + ": cluster \"c\" sets insecure-skip-tls-verify: true,"
                        + " which turns off server authentication; refused");
        assertThat(Kubeconfig.loadAllowingInsecure(insecure, null).insecureSkipTlsVerify()).isTrue();
        assertThat(Kubeconfig.loadAllowingInsecure(insecure, null).toString()).contains("INSECURE");
    }

    /** Each broken kubeconfig fails with one line naming the file, the entry and the field. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no current context       | no current-context is set and no context was given
            unknown context          | context "nope" is not defined (contexts: ctx)
            unknown cluster          | context "ctx" names cluster "c", which is not defined
            unknown user             | context "ctx" names user "u", which is not defined
            no server                | cluster "c" has no server
            missing CA file          | cluster "c" certificate-authority {dir}/ca.crt does not exist
            CA is a directory        | cluster "c" certificate-authority {dir}/sub cannot be read:
            CA data not base64       | cluster "c" certificate-authority-data is not valid base64
            CA data not a PEM        | unreadable certificate in cluster "c" certificate-authority
            insecure with a CA       | cluster "c" sets both a certificate authority and insecure-skip-tls-verify
            certificate without key  | user "u" has a client-certificate but no client-key
            key without certificate  | user "u" has a client-key but no client-certificate
            key data not a key       | no PEM private key in user "u" client-key
            missing token file       | user "u" tokenFile {dir}/token does not exist
            empty token file         | user "u" tokenFile {dir}/empty is empty
            exec plugin              | user "u" uses exec, which kube4j does not support (use a client certificate, token or tokenFile)
            not a mapping            | not a kubeconfig (expected a YAML mapping with clusters, users and contexts)
            not YAML                 | not valid YAML:
            """)
    void refusesABrokenKubeconfigWithAMessageNamingThePart(String broken, String expected) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("empty"), "  \n");
        String ca = "certificate-authority-data: " + base64(TestCerts.pem(CA.certificate()));
        String cert = "client-certificate-data: " + base64(TestCerts.pem(ALICE.certificate()));
        String key = "client-key-data: " + base64(TestCerts.pkcs8Pem(EC.getPrivate()));
        Function<String, String> server = extra -> "server: https://k:6443" + (extra.isEmpty() ? "" : "\n" + extra);
        String yaml = switch (broken) {
            case "no current context" -> config(server.apply(""), "").replace("current-context: ctx", "");
            case "unknown context" -> config(server.apply(""), "").replace("current-context: ctx", "current-context: nope");
            case "unknown cluster" -> config(server.apply(""), "").replace("- name: c\n", "- name: other\n");
            case "unknown user" -> config(server.apply(""), "").replace("- name: u\n", "- name: other\n");
            case "no server" -> config(ca, "");
            case "missing CA file" -> config(server.apply("certificate-authority: ca.crt"), "");
            case "CA is a directory" -> config(server.apply("certificate-authority: sub"), "");
            case "CA data not base64" -> config(server.apply("certificate-authority-data: '%%%'"), "");
            case "CA data not a PEM" -> config(server.apply("certificate-authority-data: " + base64("hello")), "");
            case "insecure with a CA" -> config(server.apply(ca + "\ninsecure-skip-tls-verify: true"), "");
            case "certificate without key" -> config(server.apply(""), cert);
            case "key without certificate" -> config(server.apply(""), key);
            case "key data not a key" -> config(server.apply(""), cert + "\nclient-key-data: " + base64("nope"));
            case "missing token file" -> config(server.apply(""), "tokenFile: token");
            case "empty token file" -> config(server.apply(""), "tokenFile: empty");
            case "exec plugin" -> config(server.apply(""), "exec: {command: aws}");
            case "not a mapping" -> "- just\n- a list\n";
            case "not YAML" -> "clusters: [unclosed\n";
            default -> throw new IllegalArgumentException(broken);
        };
        Path file = write(yaml);

        String context = broken.equals("unknown context") ? "nope" : null;
        // the insecure flag alone is refused first; with the opt-in the CA conflict shows
        boolean optIn = broken.equals("insecure with a CA");
        assertThatThrownBy(() -> {
            if (optIn) {
                Kubeconfig.loadAllowingInsecure(file, context);
            } else {
                Kubeconfig.load(file, context);
            }
        })
                .isInstanceOf(KubeconfigException.class)
                .hasMessageStartingWith("kubeconfig " + file + ": " + expected.replace("{dir}", dir.toString()))
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingKubeconfigNamesTheFile() {
        Path file = dir.resolve("absent");

        assertThatThrownBy(() -> Kubeconfig.load(file, null))
                .isInstanceOf(KubeconfigException.class)
                .hasMessage("kubeconfig " + file + " does not exist");
    }

    /** A kubeconfig with cluster {@code c}, user {@code u} and context {@code ctx} (namespace team-a). */
    static String config(String clusterFields, String userFields) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                %s
                users:
                - name: u
                  user:
                %s
                contexts:
                - name: ctx
                  context: {cluster: c, user: u, namespace: team-a}
                current-context: ctx
                """.formatted(indent(clusterFields), indent(userFields));
    }

    private static String indent(String fields) {
        return fields.lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("config");
        Files.writeString(file, yaml);
        return file;
    }

    /** Whether a signature made with {@code key} verifies with the certificate's public key. */
    static boolean signsFor(PrivateKey key, TestCerts.Issued owner) throws GeneralSecurityException {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(owner.certificate());
        verifier.update(new byte[] {1, 2, 3});
        return verifier.verify(signature);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
