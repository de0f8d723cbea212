package io.kube4j.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.common.tls.KeyStores;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerNameTrustManagerTest {

    static final TestCerts.Issued CA = TestCerts.ca("name-ca");
    static final X509Certificate SERVER = TestCerts.issue(CA, "kube-apiserver", TestCerts.ec(),
            List.of("kubernetes.default.svc", "*.apps.example.com", "10.96.0.1", "fd00::1")).certificate();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "kubernetes.default.svc, true", "KUBERNETES.default.svc., true", "kubernetes.default, false",
            "web.apps.example.com, true", "apps.example.com, false", "a.web.apps.example.com, false",
            "10.96.0.1, true", "10.96.0.2, false", "fd00:0:0:0:0:0:0:1, true", "[fd00::1], true",
            "kube-apiserver, false"})
    void matchesSubjectAlternativeNamesOnly(String name, boolean matches) throws CertificateException {
        assertThat(ServerNameTrustManager.matches(name, SERVER)).isEqualTo(matches);
    }

    @Test
    void validatesTheChainAndThenTheConfiguredName() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(KeyStores.trustStore(List.of(CA.certificate())));
        X509ExtendedTrustManager standard = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        X509Certificate[] chain = {SERVER};

        assertThatCode(() -> new ServerNameTrustManager(standard, "kubernetes.default.svc")
                .checkServerTrusted(chain, "ECDHE_ECDSA")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ServerNameTrustManager(standard, "evil.example.com")
                .checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("does not name tls-server-name evil.example.com");

        TrustManagerFactory other = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        other.init(KeyStores.trustStore(List.of(TestCerts.ca("other-ca").certificate())));
        assertThatThrownBy(() -> new ServerNameTrustManager((X509ExtendedTrustManager) other.getTrustManagers()[0],
                "kubernetes.default.svc").checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }
}
