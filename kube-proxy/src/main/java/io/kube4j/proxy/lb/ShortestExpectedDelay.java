package io.kube4j.proxy.lb;

import java.net.InetAddress;
import java.util.List;

/** sed: the server with the smallest {@code (active + 1) / weight}, the delay a new connection expects. */
final class ShortestExpectedDelay implements Scheduler {

    @Override
    public String name() {
        return "sed";
    }

    @Override
    public Backend pick(List<Backend> candidates, InetAddress client, InetAddress destination) {
        return shortest(candidates);
    }

    static Backend shortest(List<Backend> candidates) {
        Backend best = candidates.get(0);
        for (int i = 1; i < candidates.size(); i++) {
            Backend b = candidates.get(i);
            // (b.active + 1) / b.weight < (best.active + 1) / best.weight, without division
            if ((long) (b.active() + 1) * best.weight() < (long) (best.active() + 1) * b.weight()) {
                best = b;
            }
        }
        return best;
    }
}
