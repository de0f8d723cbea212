package io.kube4j.proxy.rules;

import java.util.List;

/**
 * One IPVS virtual service as {@code ipvsadm -ln} lists it.
 *
 * @param protocol   TCP, UDP or SCTP
 * @param address    {@code ip:port}
 * @param persistent ClientIP affinity timeout in seconds, 0 for none
 */
public record VirtualServer(String protocol, String address, String scheduler, long persistent, List<RealServer> reals) {

    public VirtualServer {
        reals = List.copyOf(reals);
    }

    /** A real server with its weight and connection counts. */
    public record RealServer(String address, int weight, int active, int inactive) {
    }
}
