package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.certs.pki.Pki;
import io.kube4j.certs.pki.PkiOptions;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authentication and the front door: service-account tokens (TokenRequest, lookup, expiry,
 * foreign keys), client certificates from another CA answered with 401, the audit log, in-flight
 * limits and TLS settings.
 */
@EtcdTest
class AuthenticationIT {

    static TestCluster cluster;
    static TestClient admin;
    static Path audit;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        audit = Files.createTempDirectory("kube4j-audit-").resolve("audit.log");
        cluster = TestCluster.start(etcd, config -> {
            Path pki = TestCluster.pkiOf(config);
            return config.withSecurity(config.security()
                    .withServiceAccountKeys(List.of(pki.resolve("sa.pub")), pki.resolve("sa.key"))
                    .withAuditLogPath(audit)
                    .withInflightLimits(2, 2));
        });
        admin = cluster.admin();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static String namespace(String name) throws Exception {
        assertThat(admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + name + "\"}}")).code()).isEqualTo(201);
        return name;
    }

    /** Not 401: the token identified someone (authorization may still say no). */
    static void assertAuthenticatedAs(TestClient.Reply reply, String user) {
        assertThat(reply.code()).as(reply.body()).isNotEqualTo(401);
        if (reply.code() == 403) {
            assertThat(reply.json().path("message").asText()).contains("User \"" + user + "\"");
        }
    }

    @Test
    void tokenRequestIssuesATokenThatAuthenticatesAsTheServiceAccountUntilItIsDeleted() throws Exception {
        String ns = namespace("authn-sa");
        assertThat(admin.post("/api/v1/namespaces/" + ns + "/serviceaccounts", Json.parse("{\"metadata\":{\"name\":\"robot\"}}")).code())
                .isEqualTo(201);
        TestClient.Reply issued = admin.post("/api/v1/namespaces/" + ns + "/serviceaccounts/robot/token",
                Json.parse("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{\"expirationSeconds\":3600}}"));
        assertThat(issued.code()).as(issued.body()).isEqualTo(201);
        String token = issued.json().path("status").path("token").asText();
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(issued.json().path("status").path("expirationTimestamp").asText()).isNotEmpty();

        TestClient robot = TestClient.withToken(cluster.url(), cluster.pki(), token);
        assertAuthenticatedAs(robot.get("/api/v1/namespaces/" + ns + "/serviceaccounts/robot"), "system:serviceaccount:" + ns + ":robot");

        assertThat(admin.delete("/api/v1/namespaces/" + ns + "/serviceaccounts/robot").code()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.get("/api/v1/namespaces/" + ns + "/serviceaccounts").code() == 401);
    }

    @Test
    void aTokenBoundToAPodStopsWorkingWhenThePodIsDeleted() throws Exception {
        String ns = namespace("authn-bound");
        admin.post("/api/v1/namespaces/" + ns + "/serviceaccounts", Json.parse("{\"metadata\":{\"name\":\"robot\"}}"));
        JsonNode pod = admin.post("/api/v1/namespaces/" + ns + "/pods", Json.parse("""
                {"metadata":{"name":"holder"},"spec":{"serviceAccountName":"robot",
                 "containers":[{"name":"c","image":"busybox","command":["sleep","60"]}]}}""")).json();
        String body = "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"name\":\"holder\",\"uid\":\""
                + pod.path("metadata").path("uid").asText() + "\"}}}";
        TestClient.Reply issued = admin.post("/api/v1/namespaces/" + ns + "/serviceaccounts/robot/token", body);
        assertThat(issued.code()).as(issued.body()).isEqualTo(201);
        TestClient robot = TestClient.withToken(cluster.url(), cluster.pki(), issued.json().path("status").path("token").asText());
        assertAuthenticatedAs(robot.get("/api/v1/namespaces/" + ns + "/pods"), "system:serviceaccount:" + ns + ":robot");

        assertThat(admin.delete("/api/v1/namespaces/" + ns + "/pods/holder").code()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.get("/api/v1/namespaces/" + ns + "/pods").code() == 401);
    }

    @Test
    void expiredOrForeignTokensAreRefusedWith401() throws Exception {
        String ns = namespace("authn-bad-tokens");
        JsonNode account = admin.post("/api/v1/namespaces/" + ns + "/serviceaccounts", Json.parse("{\"metadata\":{\"name\":\"old\"}}")).json();
        String uid = account.path("metadata").path("uid").asText();
        Path pki = cluster.pki();
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
        String expired = new ServiceAccountTokens(Pem.privateKey(pki.resolve("sa.key")), Pem.publicKey(pki.resolve("sa.key")),
                ServiceAccountTokens.DEFAULT_ISSUER, past).issue(ns, "old", uid, List.of(), Duration.ofHours(1), null).token();
        TestClient.Reply reply = TestClient.withToken(cluster.url(), pki, expired).get("/api/v1/namespaces");
        assertThat(reply.code()).isEqualTo(401);
        assertThat(reply.json().path("reason").asText()).isEqualTo("Unauthorized");

        Path other = Files.createTempDirectory("kube4j-other-pki-");
        new Pki(Clock.systemUTC()).init(PkiOptions.defaults(other));
        String foreign = new ServiceAccountTokens(Pem.privateKey(other.resolve("sa.key")), Pem.publicKey(other.resolve("sa.key")),
                ServiceAccountTokens.DEFAULT_ISSUER, Clock.systemUTC()).issue(ns, "old", uid, List.of(), Duration.ofHours(1), null).token();
        assertThat(TestClient.withToken(cluster.url(), pki, foreign).get("/api/v1/namespaces").code()).isEqualTo(401);
        assertThat(TestClient.withToken(cluster.url(), pki, "not-a-token").get("/api/v1/namespaces").code()).isEqualTo(401);
    }

    /** GET /api/v1/namespaces presenting exactly this certificate, whatever the server asks for. */
    static java.net.http.HttpResponse<String> getWithCertificate(java.util.List<java.security.cert.X509Certificate> chain,
                                                                 java.security.PrivateKey key) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStores.trustStore(Pem.certificates(cluster.pki().resolve("ca.crt"))));
        // present the certificate even when it does not fit the server's CA list (the JDK would send none)
        javax.net.ssl.X509ExtendedKeyManager always = new javax.net.ssl.X509ExtendedKeyManager() {
            public String[] getClientAliases(String type, java.security.Principal[] issuers) { return new String[] {"key"}; }
            public String chooseClientAlias(String[] type, java.security.Principal[] issuers, java.net.Socket s) { return "key"; }
            public String chooseEngineClientAlias(String[] type, java.security.Principal[] issuers, javax.net.ssl.SSLEngine e) { return "key"; }
            public String[] getServerAliases(String type, java.security.Principal[] issuers) { return null; }
            public String chooseServerAlias(String type, java.security.Principal[] issuers, java.net.Socket s) { return null; }
            public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
                return chain.toArray(new java.security.cert.X509Certificate[0]);
            }
            public java.security.PrivateKey getPrivateKey(String alias) { return key; }
        };
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(new javax.net.ssl.KeyManager[] {always}, trust.getTrustManagers(), null);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(ssl).build();
        return http.send(java.net.http.HttpRequest.newBuilder(cluster.url().resolve("/api/v1/namespaces")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientCertificateFromAnotherCaGets401NotAHandshakeFailure() throws Exception {
        Path other = Files.createTempDirectory("kube4j-other-pki-");
        new Pki(Clock.systemUTC()).init(PkiOptions.defaults(other));
        var response = getWithCertificate(Pem.certificates(other.resolve("admin.crt")), Pem.privateKey(other.resolve("admin.key")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.parse(response.body()).path("kind").asText()).isEqualTo("Status");
    }

    @Test
    void anExpiredCertificateFromTheRightCaGets401() throws Exception {
        Path pki = cluster.pki();
        io.kube4j.certs.pki.CertifiedKey ca = new io.kube4j.certs.pki.CertifiedKey(
                Pem.certificates(pki.resolve("ca.crt")).get(0), Pem.privateKey(pki.resolve("ca.key")));
        Clock twoDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        java.security.KeyPair pair = io.kube4j.certs.pki.KeySpec.EC_P256.generate(new java.security.SecureRandom());
        io.kube4j.certs.pki.CertifiedKey expired = io.kube4j.certs.pki.CertificateAuthority.of(ca, twoDaysAgo).issue(
                io.kube4j.certs.pki.CertificateRequest.of("old-admin", Duration.ofDays(1), io.kube4j.certs.pki.KeyPurpose.CLIENT_AUTH)
                        .withOrganizations(List.of("system:masters")), pair);
        assertThat(expired.certificate().getNotAfter()).isBefore(new java.util.Date());

        var response = getWithCertificate(List.of(expired.certificate()), expired.privateKey());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.parse(response.body()).path("reason").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void theAuditLogHasOneJsonLinePerRequestWithoutSecretsOrTokens() throws Exception {
        String ns = namespace("authn-audit");
        String secretValue = java.util.Base64.getEncoder().encodeToString("super-secret-value".getBytes());
        assertThat(admin.post("/api/v1/namespaces/" + ns + "/secrets",
                Json.parse("{\"metadata\":{\"name\":\"s\"},\"data\":{\"password\":\"" + secretValue + "\"}}")).code()).isEqualTo(201);
        String line = Files.readAllLines(cluster.pki().resolve("tokens.csv")).get(0);
        String token = line.substring(0, line.indexOf(','));
        TestClient.withToken(cluster.url(), cluster.pki(), token).get("/api/v1/namespaces/" + ns + "/secrets/s");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                Files.readString(audit).contains("/api/v1/namespaces/" + ns + "/secrets/s"));
        String log = Files.readString(audit);
        assertThat(log).doesNotContain(secretValue).doesNotContain("super-secret-value").doesNotContain(token);
        JsonNode create = Files.readAllLines(audit).stream().map(Json::parse)
                .filter(e -> e.path("verb").asText().equals("create") && e.path("objectRef").path("resource").asText().equals("secrets"))
                .findFirst().orElseThrow();
        assertThat(create.path("user").path("username").asText()).isEqualTo("admin");
        assertThat(create.path("user").path("groups").toString()).contains("system:masters");
        assertThat(create.path("objectRef").path("namespace").asText()).isEqualTo(ns);
        assertThat(create.path("responseStatus").path("code").asInt()).isEqualTo(201);
        assertThat(create.path("stage").asText()).isEqualTo("ResponseComplete");
        assertThat(create.path("sourceIPs").get(0).asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void requestsBeyondTheInflightLimitAreAnswered429WithRetryAfter() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<TestClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                replies.add(pool.submit(() -> admin.get("/api/v1/namespaces")));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<TestClient.Reply> r : replies) {
                TestClient.Reply reply = r.get();
                codes.add(reply.code());
                if (reply.code() == 429) {
                    assertThat(reply.json().path("reason").asText()).isEqualTo("TooManyRequests");
                }
            }
            assertThat(codes).contains(429).containsOnly(200, 429);
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin.get("/api/v1/namespaces").code()).isEqualTo(200);
    }

    @Test
    void onlyTls12AndUpWithAeadSuitesAreOffered() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStores.trustStore(Pem.certificates(cluster.pki().resolve("ca.crt"))));
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        URI url = cluster.url();
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(url.getHost(), url.getPort())) {
            SSLParameters params = socket.getSSLParameters();
            params.setProtocols(new String[] {"TLSv1.1"});
            socket.setSSLParameters(params);
            assertThatThrownBy(socket::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
        }
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(url.getHost(), url.getPort())) {
            SSLParameters params = socket.getSSLParameters();
            params.setProtocols(new String[] {"TLSv1.2"});
            params.setCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"});
            socket.setSSLParameters(params);
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(url.getHost(), url.getPort())) {
            SSLParameters params = socket.getSSLParameters();
            params.setProtocols(new String[] {"TLSv1.2"});
            socket.setSSLParameters(params);
            socket.startHandshake();
            assertThat(socket.getSession().getCipherSuite()).startsWith("TLS_ECDHE_").contains("GCM");
        }
    }
}
