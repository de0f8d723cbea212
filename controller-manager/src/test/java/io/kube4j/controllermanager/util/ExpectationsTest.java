package io.kube4j.controllermanager.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final Expectations expectations = new Expectations(clock);

    @Test
    void isSatisfiedOnceEveryExpectedCreationAndDeletionWasSeen() {
        expectations.expect("ns/rs", 2, Set.of("ns/p1"));
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        expectations.creationObserved("ns/rs");
        expectations.creationFailed("ns/rs");
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        expectations.deletionObserved("ns/rs", "ns/p1");
        assertThat(expectations.satisfied("ns/rs")).isTrue();
    }

    @Test
    void aKeyWithoutExpectationsIsSatisfied() {
        assertThat(expectations.satisfied("ns/other")).isTrue();
    }

    @Test
    void expectationsTimeOutSoALostEventCannotWedgeTheController() {
        expectations.expect("ns/rs", 1, Set.of());
        clock.now = clock.now.plus(Expectations.TIMEOUT).plus(Duration.ofSeconds(1));
        assertThat(expectations.satisfied("ns/rs")).isTrue();
    }
}
