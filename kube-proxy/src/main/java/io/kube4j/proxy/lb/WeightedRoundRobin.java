package io.kube4j.proxy.lb;

import java.net.InetAddress;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * wrr: servers in turn, each as often as its weight, interleaved (the smooth variant: every pick
 * adds each server's weight to its credit and takes the one with the most, minus the total).
 */
final class WeightedRoundRobin implements Scheduler {

    private final Map<Backend, long[]> credit = new IdentityHashMap<>();

    @Override
    public String name() {
        return "wrr";
    }

    @Override
    public synchronized Backend pick(List<Backend> candidates, InetAddress client, InetAddress destination) {
        credit.keySet().retainAll(new java.util.HashSet<>(candidates));
        long total = 0;
        Backend best = null;
        long bestCredit = Long.MIN_VALUE;
        for (Backend b : candidates) {
            long[] c = credit.computeIfAbsent(b, k -> new long[1]);
            c[0] += b.weight();
            total += b.weight();
            if (c[0] > bestCredit) {
                best = b;
                bestCredit = c[0];
            }
        }
        credit.get(best)[0] -= total;
        return best;
    }
}
