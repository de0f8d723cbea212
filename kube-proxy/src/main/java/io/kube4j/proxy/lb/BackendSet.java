package io.kube4j.proxy.lb;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The real servers of one virtual service, its scheduler and, with {@code sessionAffinity:
 * ClientIP}, the client → server table. {@link #update} replaces the servers for new connections
 * at once; connections already open keep their server (they drain). Thread-safe.
 */
public final class BackendSet {

    /** What a picked server becomes: an address to connect to, once per attempt. */
    public record Endpoint(InetSocketAddress address, int weight) {
    }

    private final Scheduler scheduler;
    private final LongSupplier nanoTime;
    private volatile List<Backend> backends = List.of();
    private volatile long affinityNanos;
    private final Map<InetAddress, Affinity> affinity = new ConcurrentHashMap<>();

    private record Affinity(InetSocketAddress server, long lastUsed) {
    }

    public BackendSet(Scheduler scheduler, LongSupplier nanoTime) {
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** ClientIP affinity for {@code timeout}; zero turns it off. */
    public void affinity(Duration timeout) {
        affinityNanos = timeout.toNanos();
        if (affinityNanos == 0) {
            affinity.clear();
        }
    }

    public Duration affinityTimeout() {
        return Duration.ofNanos(affinityNanos);
    }

    /** Replaces the servers, keeping the Backend (and its counts) of every address still present. */
    public synchronized void update(List<Endpoint> endpoints) {
        Map<InetSocketAddress, Backend> old = new LinkedHashMap<>();
        for (Backend b : backends) {
            old.put(b.address(), b);
        }
        List<Backend> next = new ArrayList<>();
        for (Endpoint e : endpoints) {
            Backend b = old.get(e.address());
            if (b == null) {
                b = new Backend(e.address(), e.weight());
            } else {
                b.weight(e.weight());
            }
            next.add(b);
        }
        backends = List.copyOf(next);
    }

    public List<Backend> backends() {
        return backends;
    }

    /**
     * The server of a new connection, skipping {@code tried} (servers that refused this
     * connection already); empty when no server is left.
     */
    public Optional<Backend> pick(InetAddress client, InetAddress destination, Collection<Backend> tried) {
        List<Backend> current = backends;
        long now = nanoTime.getAsLong();
        long timeout = affinityNanos;
        if (timeout > 0 && client != null) {
            Affinity a = affinity.get(client);
            if (a != null && now - a.lastUsed() < timeout) {
                for (Backend b : current) {
                    if (b.address().equals(a.server()) && b.weight() > 0 && !tried.contains(b)) {
                        affinity.put(client, new Affinity(b.address(), now));
                        return Optional.of(b);
                    }
                }
            }
        }
        List<Backend> candidates = new ArrayList<>(current.size());
        for (Backend b : current) {
            if (b.weight() > 0 && !tried.contains(b)) {
                candidates.add(b);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Backend chosen = scheduler.pick(candidates, client, destination);
        if (timeout > 0 && client != null) {
            affinity.put(client, new Affinity(chosen.address(), now));
            if (affinity.size() > 65_536) {
                affinity.values().removeIf(x -> now - x.lastUsed() >= timeout);
            }
        }
        return Optional.of(chosen);
    }
}
