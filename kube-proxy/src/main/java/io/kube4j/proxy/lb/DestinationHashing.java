package io.kube4j.proxy.lb;

import java.net.InetAddress;
import java.util.List;

/** dh: the server chosen by a hash of the destination address (one virtual IP → one server, cache-friendly). */
final class DestinationHashing implements Scheduler {

    @Override
    public String name() {
        return "dh";
    }

    @Override
    public Backend pick(List<Backend> candidates, InetAddress client, InetAddress destination) {
        return Rendezvous.pick(candidates, destination);
    }
}
