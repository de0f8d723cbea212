package io.kube4j.proxy.lb;

import java.net.InetAddress;
import java.util.List;

/** sh: the server chosen by a hash of the client's address, so one client keeps one server. */
final class SourceHashing implements Scheduler {

    @Override
    public String name() {
        return "sh";
    }

    @Override
    public Backend pick(List<Backend> candidates, InetAddress client, InetAddress destination) {
        return Rendezvous.pick(candidates, client);
    }
}
