package io.kube4j.certs.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final SecureRandom RANDOM = new SecureRandom();

    final CertificateAuthority ca =
            CertificateAuthority.create("test-ca", KeySpec.EC_P256, Duration.ofDays(10), CLOCK);

    CertifiedKey issue(CertificateAuthority authority, CertificateRequest request, KeySpec keySpec) {
        return authority.issue(request, keySpec.generate(RANDOM));
    }

    @Test
    void aLeafNeverOutlivesItsCa() {
        CertificateRequest request = CertificateRequest.of("long", Duration.ofDays(365), KeyPurpose.CLIENT_AUTH);

        X509Certificate leaf = issue(ca, request, KeySpec.EC_P256).certificate();

        assertThat(leaf.getNotAfter()).isEqualTo(ca.credentials().certificate().getNotAfter());
    }

    @Test
    void serialsArePositive128BitAndDistinct() {
        CertificateRequest request = CertificateRequest.of("leaf", Duration.ofDays(1), KeyPurpose.CLIENT_AUTH);
        var keys = KeySpec.EC_P256.generate(RANDOM);

        List<BigInteger> serials = IntStream.range(0, 50)
                .mapToObj(i -> ca.issue(request, keys).certificate().getSerialNumber())
                .toList();

        assertThat(serials).allMatch(serial -> serial.signum() == 1 && serial.bitLength() == 128);
        assertThat(Set.copyOf(serials)).hasSize(50);
    }

    @Test
    void theSignatureAlgorithmFollowsTheCaKeyAndKeyEnciphermentTheLeafKey() {
        CertificateAuthority rsaCa =
                CertificateAuthority.create("rsa-ca", KeySpec.RSA_2048, Duration.ofDays(10), CLOCK);
        CertificateRequest request = CertificateRequest.of("leaf", Duration.ofDays(1), KeyPurpose.SERVER_AUTH);

        X509Certificate ecLeafOfRsaCa = issue(rsaCa, request, KeySpec.EC_P256).certificate();
        X509Certificate rsaLeafOfEcCa = issue(ca, request, KeySpec.RSA_2048).certificate();

        assertThat(ecLeafOfRsaCa.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(ecLeafOfRsaCa.getKeyUsage()[2]).as("keyEncipherment").isFalse();
        assertThat(rsaLeafOfEcCa.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(rsaLeafOfEcCa.getKeyUsage()[2]).as("keyEncipherment").isTrue();
        assertThatCode(() -> Certificates.validateChain(rsaCa.credentials().certificate(), ecLeafOfRsaCa, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void aCaReadBackFromPemIssuesLeavesThatChainToTheOriginal(@TempDir Path dir) throws Exception {
        CertifiedKey original = ca.credentials();
        Path certificate = Files.writeString(dir.resolve("ca.crt"), Pem.encode(original.certificate()));
        Path key = Files.writeString(dir.resolve("ca.key"), Pem.encode(original.privateKey()));
        CertificateAuthority reloaded = CertificateAuthority.of(
                new CertifiedKey(Pem.readCertificate(certificate), Pem.readPrivateKey(key)), CLOCK);

        X509Certificate leaf = issue(reloaded,
                CertificateRequest.of("leaf", Duration.ofDays(1), KeyPurpose.CLIENT_AUTH), KeySpec.EC_P256)
                .certificate();

        assertThatCode(() -> Certificates.validateChain(original.certificate(), leaf, NOW))
                .doesNotThrowAnyException();
        assertThat(Certificates.authorityKeyIdentifier(leaf))
                .isEqualTo(Certificates.subjectKeyIdentifier(original.certificate()));
    }

    @Test
    void aLeafCannotActAsACa() {
        CertifiedKey leaf = issue(ca,
                CertificateRequest.of("leaf", Duration.ofDays(1), KeyPurpose.CLIENT_AUTH), KeySpec.EC_P256);

        assertThatThrownBy(() -> CertificateAuthority.of(leaf, CLOCK))
                .isInstanceOf(PkiException.class)
                .hasMessage("certificate CN=leaf is not a CA");
    }

    @Test
    void aCaKeyThatIsNotTheCertificatesIsRejected() {
        CertificateAuthority other = CertificateAuthority.create("other", KeySpec.EC_P256, Duration.ofDays(1), CLOCK);
        CertifiedKey mixed = new CertifiedKey(ca.credentials().certificate(), other.credentials().privateKey());

        assertThatThrownBy(() -> CertificateAuthority.of(mixed, CLOCK))
                .isInstanceOf(PkiException.class)
                .hasMessage("the private key does not belong to the certificate: CA CN=test-ca");
    }

    @Test
    void aRequestNeedsAPurposeAndAPositiveValidity() {
        assertThatThrownBy(() -> CertificateRequest.of("leaf", Duration.ofDays(1)))
                .hasMessage("certificate leaf needs at least one key purpose");
        assertThatThrownBy(() -> CertificateRequest.of("leaf", Duration.ZERO, KeyPurpose.CLIENT_AUTH))
                .hasMessage("certificate leaf needs a positive validity");
    }
}
