package io.kube4j.proxy.lb;

import java.net.InetAddress;
import java.util.List;

/**
 * Picks the real server of a new connection, as an IPVS scheduler does. One instance per virtual
 * service (schedulers such as rr and wrr keep state between picks); {@link #pick} may be called
 * from several threads at once.
 */
public interface Scheduler {

    /** The scheduler's IPVS name: rr, wrr, lc, sh, dh, sed, nq. */
    String name();

    /**
     * @param candidates servers that may take the connection: non-empty, weight above 0, in a
     *                   stable order (the endpoints' order)
     * @param client      the connecting client's address (sh hashes it)
     * @param destination the address the client connected to (dh hashes it)
     */
    Backend pick(List<Backend> candidates, InetAddress client, InetAddress destination);
}
