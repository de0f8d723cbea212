package io.kube4j.proxy.lb;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One real server of a virtual service, with the connection counts IPVS keeps per real server:
 * active (both directions open) and inactive (half closed, draining). The proxy keeps one Backend
 * per endpoint for as long as the endpoint exists, so counts survive endpoint updates. Thread-safe.
 */
public final class Backend {

    private final InetSocketAddress address;
    private volatile int weight;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger inactive = new AtomicInteger();
    private final AtomicLong connections = new AtomicLong();

    public Backend(InetSocketAddress address, int weight) {
        this.address = address;
        this.weight = weight;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** 0 quiesces the server: no new connections, existing ones go on. */
    public int weight() {
        return weight;
    }

    public void weight(int value) {
        weight = value;
    }

    public int active() {
        return active.get();
    }

    public int inactive() {
        return inactive.get();
    }

    /** Connections ever handed to this server. */
    public long connections() {
        return connections.get();
    }

    /** A connection to this server opened. */
    public void opened() {
        active.incrementAndGet();
        connections.incrementAndGet();
    }

    /** One direction of a connection finished: it drains. */
    public void halfClosed() {
        active.decrementAndGet();
        inactive.incrementAndGet();
    }

    /** A connection closed; {@code wasHalfClosed} when {@link #halfClosed()} was called for it. */
    public void closed(boolean wasHalfClosed) {
        (wasHalfClosed ? inactive : active).decrementAndGet();
    }

    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
