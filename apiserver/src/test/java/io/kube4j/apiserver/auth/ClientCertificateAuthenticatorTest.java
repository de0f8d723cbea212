package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.certs.pki.CertificateAuthority;
import io.kube4j.certs.pki.CertificateRequest;
import io.kube4j.certs.pki.CertifiedKey;
import io.kube4j.certs.pki.KeyPurpose;
import io.kube4j.certs.pki.KeySpec;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-chain verification cache keeps every answer the uncached authenticator gives. */
class ClientCertificateAuthenticatorTest {

    private static final Instant START = Instant.parse("2026-01-10T00:00:00Z");

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Clock issued = Clock.fixed(START.minus(Duration.ofHours(1)), ZoneOffset.UTC);
    private final CertificateAuthority ca = CertificateAuthority.create("test-ca", KeySpec.EC_P256, Duration.ofDays(30), issued);
    private final KeyPair key = KeySpec.EC_P256.generate(new SecureRandom());

    private CertifiedKey client(CertificateAuthority by, String name, Duration validity) {
        return by.issue(CertificateRequest.of(name, validity, KeyPurpose.CLIENT_AUTH).withOrganizations(List.of("team")), key);
    }

    private static Credentials credentials(CertifiedKey cert) {
        return new Credentials(List.of(cert.certificate()), null);
    }

    @Test
    void aVerifiedChainAnswersTheSameUserAgainUntilItExpires() {
        MovableClock clock = new MovableClock();
        ClientCertificateAuthenticator authenticator = new ClientCertificateAuthenticator(List.of(ca.credentials().certificate()), clock);
        CertifiedKey alice = client(ca, "alice", Duration.ofDays(1));

        UserInfo first = authenticator.authenticate(credentials(alice)).orElseThrow();
        assertThat(first.name()).isEqualTo("alice");
        assertThat(first.groups()).containsExactly("team", UserInfo.AUTHENTICATED);
        assertThat(authenticator.authenticate(credentials(alice))).contains(first);
        assertThat(authenticator.cachedChains()).isEqualTo(1);

        clock.now = START.plus(Duration.ofDays(2));
        assertThatThrownBy(() -> authenticator.authenticate(credentials(alice)))
                .isInstanceOf(Authenticator.AuthenticationException.class).hasMessageContaining("not valid now");
    }

    @Test
    void aChainFromAnotherAuthorityIsRefusedEveryTime() {
        ClientCertificateAuthenticator authenticator = new ClientCertificateAuthenticator(List.of(ca.credentials().certificate()),
                new MovableClock());
        CertificateAuthority other = CertificateAuthority.create("other-ca", KeySpec.EC_P256, Duration.ofDays(30), issued);
        CertifiedKey mallory = client(other, "alice", Duration.ofDays(1));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> authenticator.authenticate(credentials(mallory)))
                    .isInstanceOf(Authenticator.AuthenticationException.class).hasMessageContaining("not valid");
        }
        assertThat(authenticator.cachedChains()).isZero();
    }

    @Test
    void aFullCacheDropsOneChainAtATimeNotAll() {
        int max = 16;
        ClientCertificateAuthenticator authenticator = new ClientCertificateAuthenticator(List.of(ca.credentials().certificate()),
                new MovableClock(), max);
        for (int i = 0; i < max + 10; i++) {
            assertThat(authenticator.authenticate(credentials(client(ca, "user-" + i, Duration.ofDays(1)))).orElseThrow().name())
                    .isEqualTo("user-" + i);
            assertThat(authenticator.cachedChains()).isEqualTo(Math.min(i + 1, max));
        }
    }
}
