package io.kube4j.proxy.lb;

import java.net.InetAddress;
import java.util.List;

/** lc: the server with the least overhead, IPVS's {@code active * 256 + inactive}; the first on ties. */
final class LeastConnection implements Scheduler {

    @Override
    public String name() {
        return "lc";
    }

    @Override
    public Backend pick(List<Backend> candidates, InetAddress client, InetAddress destination) {
        Backend best = candidates.get(0);
        long least = overhead(best);
        for (int i = 1; i < candidates.size(); i++) {
            long o = overhead(candidates.get(i));
            if (o < least) {
                best = candidates.get(i);
                least = o;
            }
        }
        return best;
    }

    static long overhead(Backend b) {
        return (long) b.active() * 256 + b.inactive();
    }
}
