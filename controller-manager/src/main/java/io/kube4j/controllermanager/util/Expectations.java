package io.kube4j.controllermanager.util;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a controller is still waiting to see in its cache after its own writes, per controller
 * key, so that a sync running before the informer caught up does not create or delete the same
 * pods twice. Expectations older than {@link #TIMEOUT} are dropped: a lost watch event must not
 * wedge the controller. Thread-safe.
 */
public final class Expectations {

    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static final class Pending {
        int adds;
        final Set<String> deletes = new HashSet<>();
        final Instant since;

        Pending(Instant since) {
            this.since = since;
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    public Expectations(Clock clock) {
        this.clock = clock;
    }

    /** True when nothing is awaited for {@code key} (or what was awaited has timed out). */
    public boolean satisfied(String key) {
        Pending p = pending.get(key);
        if (p == null) {
            return true;
        }
        synchronized (p) {
            if (p.adds <= 0 && p.deletes.isEmpty()) {
                return true;
            }
        }
        if (p.since.plus(TIMEOUT).isBefore(clock.instant())) {
            pending.remove(key, p);
            return true;
        }
        return false;
    }

    /** Replaces the expectations of {@code key}: {@code adds} creations and the deletion of {@code deletes} (pod keys). */
    public void expect(String key, int adds, Set<String> deletes) {
        Pending p = new Pending(clock.instant());
        p.adds = adds;
        p.deletes.addAll(deletes);
        pending.put(key, p);
    }

    public void creationObserved(String key) {
        Pending p = pending.get(key);
        if (p != null) {
            synchronized (p) {
                p.adds--;
            }
        }
    }

    /** A creation that failed will never be observed. */
    public void creationFailed(String key) {
        creationObserved(key);
    }

    public void deletionObserved(String key, String podKey) {
        Pending p = pending.get(key);
        if (p != null) {
            synchronized (p) {
                p.deletes.remove(podKey);
            }
        }
    }

    public void forget(String key) {
        pending.remove(key);
    }
}
