package io.kube4j.proxy.lb;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** rr: each new connection to the next server in turn, weights ignored (beyond 0 = quiesced). */
final class RoundRobin implements Scheduler {

    private final AtomicLong next = new AtomicLong();

    @Override
    public String name() {
        return "rr";
    }

    @Override
    public Backend pick(List<Backend> candidates, InetAddress client, InetAddress destination) {
        return candidates.get((int) Math.floorMod(next.getAndIncrement(), candidates.size()));
    }
}
