package io.kube4j.proxy.lb;

import java.net.InetAddress;
import java.util.List;

/** nq: an idle server if there is one (never queue behind a busy one), else as sed. */
final class NeverQueue implements Scheduler {

    @Override
    public String name() {
        return "nq";
    }

    @Override
    public Backend pick(List<Backend> candidates, InetAddress client, InetAddress destination) {
        for (Backend b : candidates) {
            if (b.active() == 0) {
                return b;
            }
        }
        return ShortestExpectedDelay.shortest(candidates);
    }
}
