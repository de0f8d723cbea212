package io.kube4j.common.client.leader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election over a {@code coordination.k8s.io/v1} Lease, as client-go does it: a candidate
 * takes the Lease when its holder has not renewed for a lease duration (measured on this
 * process's clock from when it last saw the record change, so clocks need not agree), the
 * leader renews every retry period, and gives up leading when it could not renew within the
 * renew deadline. A graceful {@link #close()} releases the Lease so a standby takes over at once:
 * standbys watch the Lease and retry as soon as it is released.
 */
public final class LeaderElector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);
    static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final ResourceClient<Lease> leases;
    private final LeaderElectionConfig config;
    private final LeaderCallbacks callbacks;
    private final Clock clock;
    private final Semaphore wakeup = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean leading;
    private String observedRecord = "";
    private long observedNanos;
    private String lastLeader = "";
    private AutoCloseable leaseWatch;

    public LeaderElector(ResourceClient<Lease> leases, LeaderElectionConfig config, LeaderCallbacks callbacks, Clock clock) {
        this.leases = leases;
        this.config = config;
        this.callbacks = callbacks;
        this.clock = clock;
        this.thread = new Thread(this::run, "leader-elector-" + config.name());
        this.thread.setDaemon(true);
    }

    public void start() {
        running = true;
        thread.start();
    }

    public boolean isLeader() {
        return leading;
    }

    private void run() {
        try {
            while (running) {
                acquire();
                if (!running) {
                    return;
                }
                leading = true;
                LOG.info("{} became the leader of {}/{}", config.identity(), config.namespace(), config.name());
                callbacks.startedLeading();
                renewUntilLost();
                if (!running) {
                    return; // close() releases the lease
                }
                if (leading) {
                    leading = false;
                    LOG.warn("{} lost the lease {}/{}", config.identity(), config.namespace(), config.name());
                    callbacks.stoppedLeading();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeWatch();
        }
    }

    private void acquire() throws InterruptedException {
        while (running) {
            if (tryAcquireOrRenew()) {
                return;
            }
            ensureWatch();
            // woken early when the lease is released, or just when it expires, else after the retry period
            long untilExpiry = untilExpiryNanos();
            long wait = Math.min(config.retryPeriod().toNanos(), Math.max(0, untilExpiry) + TimeUnit.MILLISECONDS.toNanos(20));
            wakeup.tryAcquire(wait, TimeUnit.NANOSECONDS);
            wakeup.drainPermits();
        }
    }

    private void renewUntilLost() throws InterruptedException {
        long lastRenew = System.nanoTime();
        while (running) {
            TimeUnit.MILLISECONDS.sleep(config.retryPeriod().toMillis()); // the renew cadence itself
            if (!running) {
                return;
            }
            if (tryAcquireOrRenew()) {
                lastRenew = System.nanoTime();
            } else if (System.nanoTime() - lastRenew > config.renewDeadline().toNanos() || !holdsLease()) {
                return;
            }
        }
    }

    private boolean holdsLease() {
        try {
            return leases.find(config.namespace(), config.name())
                    .map(l -> l.holderIdentity().equals(config.identity())).orElse(false);
        } catch (ApiException | IllegalStateException e) {
            return true; // cannot tell: keep leading until the renew deadline says otherwise
        }
    }

    /** One attempt; true when this candidate holds the lease afterwards. */
    boolean tryAcquireOrRenew() {
        Instant now = clock.instant();
        try {
            Lease current = leases.find(config.namespace(), config.name()).orElse(null);
            if (current == null) {
                Lease lease = Lease.named(config.namespace(), config.name());
                fill(lease, now, true, 0);
                leases.create(lease);
                observe(lease);
                return true;
            }
            observe(current);
            String holder = current.holderIdentity();
            boolean mine = holder.equals(config.identity());
            boolean expired = untilExpiryNanos() <= 0;
            if (!mine && !holder.isEmpty() && !expired) {
                return false;
            }
            Lease next = current.deepCopy();
            fill(next, now, !mine, mine ? current.leaseTransitions() : current.leaseTransitions() + (holder.isEmpty() ? 0 : 1));
            Lease written = leases.update(next);
            observe(written);
            return true;
        } catch (ApiException e) {
            if (e.code() != 409) {
                LOG.debug("leader election on {}/{}: {}", config.namespace(), config.name(), e.getMessage());
            }
            return false;
        } catch (RuntimeException e) {
            LOG.debug("leader election on {}/{}: {}", config.namespace(), config.name(), e.toString());
            return false;
        }
    }

    private void fill(Lease lease, Instant now, boolean acquiring, int transitions) {
        ObjectNode spec = lease.spec();
        spec.put("holderIdentity", config.identity());
        spec.put("leaseDurationSeconds", (int) config.leaseDuration().toSeconds());
        if (acquiring) {
            spec.put("acquireTime", MICRO_TIME.format(now));
        }
        spec.put("renewTime", MICRO_TIME.format(now));
        spec.put("leaseTransitions", transitions);
    }

    private synchronized long untilExpiryNanos() {
        return observedNanos + config.leaseDuration().toNanos() - System.nanoTime();
    }

    /** Notes the record; the watch calls this too, so renewals are seen when they happen, not when polled. */
    private synchronized void observe(Lease lease) {
        String record = lease.holderIdentity() + "@" + lease.renewTime();
        if (!record.equals(observedRecord)) {
            observedRecord = record;
            observedNanos = System.nanoTime();
        }
        String holder = lease.holderIdentity();
        if (!holder.isEmpty() && !Objects.equals(holder, lastLeader)) {
            lastLeader = holder;
            callbacks.newLeader(holder);
        }
    }

    private synchronized void ensureWatch() {
        if (leaseWatch != null) {
            return;
        }
        try {
            leaseWatch = leases.watch(config.namespace(), ListRequest.fields("metadata.name=" + config.name()),
                    event -> {
                        if (event.object() != null) {
                            observe(event.object());
                            if (event.object().holderIdentity().isEmpty()) {
                                wakeup.release();
                            }
                        }
                    }, error -> {
                        synchronized (this) {
                            leaseWatch = null;
                        }
                    });
        } catch (RuntimeException e) {
            leaseWatch = null;
        }
    }

    private synchronized void closeWatch() {
        if (leaseWatch != null) {
            try {
                leaseWatch.close();
            } catch (Exception ignored) {
                // only stops reading
            }
            leaseWatch = null;
        }
    }

    /** Stops; when leading, releases the lease first so a standby can take over at once. */
    @Override
    public void close() {
        running = false;
        wakeup.release();
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (leading) {
            leading = false;
            release();
            callbacks.stoppedLeading();
        }
        closeWatch();
    }

    private void release() {
        try {
            Lease current = leases.find(config.namespace(), config.name()).orElse(null);
            if (current != null && current.holderIdentity().equals(config.identity())) {
                Lease released = current.deepCopy();
                released.spec().put("holderIdentity", "");
                released.spec().put("leaseDurationSeconds", 1);
                released.spec().put("renewTime", MICRO_TIME.format(clock.instant()));
                leases.update(released);
                LOG.info("{} released the lease {}/{}", config.identity(), config.namespace(), config.name());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not release the lease {}/{}: {}", config.namespace(), config.name(), e.getMessage());
        }
    }
}
