package io.kube4j.controllermanager.nodelifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A token bucket of one: at most {@code rate} nodes a second may start having their pods evicted. */
final class EvictionLimiter {

    private final Clock clock;
    private final Duration interval;
    private Instant next = Instant.MIN;

    EvictionLimiter(Clock clock, double ratePerSecond) {
        this.clock = clock;
        this.interval = Duration.ofNanos((long) (1_000_000_000L / ratePerSecond));
    }

    synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return false;
        }
        next = now.plus(interval);
        return true;
    }
}
