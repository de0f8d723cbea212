package io.kube4j.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HealthStateTest {

    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
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

    @Test
    void isStaleWhenAChangeWaitedLongerThanTheThreshold() {
        TestClock clock = new TestClock();
        HealthState health = new HealthState(clock, Duration.ofSeconds(60));
        assertThat(health.healthy()).isFalse(); // never synced
        health.synced(clock.now);
        assertThat(health.healthy()).isTrue();
        health.changed();
        clock.now = clock.now.plusSeconds(59);
        assertThat(health.healthy()).isTrue();
        clock.now = clock.now.plusSeconds(2);
        assertThat(health.healthy()).isFalse();
        assertThat(health.json("n1")).contains("\"healthy\":false").contains("\"nodeName\":\"n1\"");
        health.synced(clock.now);
        assertThat(health.healthy()).isTrue();
    }

    @Test
    void aSyncThatStartedBeforeAChangeDoesNotClearIt() {
        TestClock clock = new TestClock();
        HealthState health = new HealthState(clock, Duration.ofSeconds(1));
        Instant started = clock.now;
        clock.now = clock.now.plusMillis(10);
        health.changed();
        health.synced(started);
        clock.now = clock.now.plusSeconds(5);
        assertThat(health.healthy()).isFalse();
    }
}
