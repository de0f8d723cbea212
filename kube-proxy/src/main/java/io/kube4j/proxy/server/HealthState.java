package io.kube4j.proxy.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the rules keep up with the API, as kube-proxy's /healthz judges it: healthy unless a
 * change has waited for a sync longer than {@code staleAfter}. Thread-safe.
 */
public final class HealthState {

    private final Clock clock;
    private final Duration staleAfter;
    private Instant lastSynced;
    private Instant pendingSince;

    public HealthState(Clock clock, Duration staleAfter) {
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** A change arrived that the rules do not reflect yet. */
    public synchronized void changed() {
        if (pendingSince == null) {
            pendingSince = clock.instant();
        }
    }

    /** A sync that started at {@code started} finished: changes queued before it are in the rules. */
    public synchronized void synced(Instant started) {
        lastSynced = clock.instant();
        if (pendingSince != null && !pendingSince.isAfter(started)) {
            pendingSince = null;
        }
    }

    public synchronized boolean healthy() {
        return lastSynced != null && (pendingSince == null || !clock.instant().isAfter(pendingSince.plus(staleAfter)));
    }

    /** The /healthz body, in kube-proxy's shape. */
    public synchronized String json(String nodeName) {
        return "{\"lastUpdated\":\"" + (lastSynced == null ? "" : lastSynced) + "\",\"currentTime\":\"" + clock.instant()
                + "\",\"nodeName\":\"" + nodeName + "\",\"healthy\":" + healthy() + "}";
    }
}
