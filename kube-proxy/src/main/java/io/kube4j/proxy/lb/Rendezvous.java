package io.kube4j.proxy.lb;

import java.net.InetAddress;
import java.util.List;

/**
 * Weighted highest-random-weight hashing: a key always maps to the same server while the server
 * set is stable, and only the keys of a server that leaves move. Used by sh (key = client
 * address) and dh (key = destination address).
 */
final class Rendezvous {

    private Rendezvous() {
    }

    static Backend pick(List<Backend> candidates, InetAddress key) {
        byte[] k = key == null ? new byte[0] : key.getAddress();
        Backend best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Backend b : candidates) {
            long h = mix(hash(k) ^ mix(hash(b.address().getAddress().getAddress()) * 31 + b.address().getPort()));
            double unit = ((h >>> 11) + 1) / (double) (1L << 53); // in (0, 1]
            double score = -b.weight() / Math.log(unit == 1.0 ? Math.nextDown(1.0) : unit);
            if (score > bestScore) {
                best = b;
                bestScore = score;
            }
        }
        return best;
    }

    private static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte x : bytes) {
            h = (h ^ (x & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: spreads close inputs over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
