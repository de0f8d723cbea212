package io.kube4j.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulersTest {

    static final InetAddress VIP = address("127.96.0.10");

    static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Backend backend(int i, int weight) {
        return new Backend(new InetSocketAddress(address("127.0.0." + (10 + i)), 8080), weight);
    }

    static List<Backend> three(int w1, int w2, int w3) {
        return List.of(backend(1, w1), backend(2, w2), backend(3, w3));
    }

    static Map<Backend, Integer> picks(Scheduler s, List<Backend> backends, int n) {
        Map<Backend, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            InetAddress client = address("10.1." + (i / 250 % 250) + "." + (i % 250 + 1));
            counts.merge(s.pick(backends, client, VIP), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinGivesEachServerAThirdOfTenThousandPicks() {
        List<Backend> b = three(1, 1, 1);
        Map<Backend, Integer> counts = picks(Schedulers.create("rr"), b, 10_000);
        // 10,000 = 3,334 + 3,333 + 3,333
        assertThat(counts).containsEntry(b.get(0), 3334).containsEntry(b.get(1), 3333).containsEntry(b.get(2), 3333);
    }

    @Test
    void weightedRoundRobinFollowsTheWeightsAndInterleaves() {
        List<Backend> b = three(5, 3, 2);
        Scheduler wrr = Schedulers.create("wrr");
        Map<Backend, Integer> counts = picks(wrr, b, 10_000);
        // weights 5:3:2 of 10 → 5,000 / 3,000 / 2,000 exactly (10,000 is a whole number of cycles)
        assertThat(counts).containsEntry(b.get(0), 5000).containsEntry(b.get(1), 3000).containsEntry(b.get(2), 2000);
        // smooth: the heaviest server never gets more than two picks in a row with 5:3:2
        Backend last = null;
        int run = 0;
        for (int i = 0; i < 100; i++) {
            Backend p = wrr.pick(b, VIP, VIP);
            run = p == last ? run + 1 : 1;
            last = p;
            assertThat(run).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void sourceHashingPinsAClientAndSpreadsClients() {
        List<Backend> b = three(1, 1, 1);
        Scheduler sh = Schedulers.create("sh");
        InetAddress client = address("10.9.8.7");
        Backend first = sh.pick(b, client, VIP);
        for (int i = 0; i < 10_000; i++) {
            assertThat(sh.pick(b, client, VIP)).isSameAs(first);
        }
        Map<Backend, Integer> counts = picks(sh, b, 10_000);
        // hashing 10,000 distinct clients: each server near a third, allow ±10% of the total
        counts.values().forEach(c -> assertThat(c).isBetween(2333, 4333));
        // a client of a server that stays keeps it when another server leaves
        Backend other = b.stream().filter(x -> x != first).findFirst().orElseThrow();
        List<Backend> fewer = b.stream().filter(x -> x != other).toList();
        assertThat(sh.pick(fewer, client, VIP)).isSameAs(first);
    }

    @Test
    void destinationHashingSendsOneVirtualAddressToOneServer() {
        List<Backend> b = three(1, 1, 1);
        Scheduler dh = Schedulers.create("dh");
        Map<Backend, Integer> counts = picks(dh, b, 10_000);
        assertThat(counts).hasSize(1).containsValue(10_000);
        Set<Backend> seen = new HashSet<>();
        for (int i = 1; i < 200; i++) {
            seen.add(dh.pick(b, VIP, address("127.96.1." + i)));
        }
        assertThat(seen).hasSize(3);
    }

    @Test
    void leastConnectionAvoidsServersHoldingConnections() {
        List<Backend> b = three(1, 1, 1);
        Scheduler lc = Schedulers.create("lc");
        for (int i = 0; i < 5; i++) {
            b.get(0).opened();
        }
        b.get(1).opened();
        // overheads 5*256, 1*256, 0 → the idle third server, then (after it opens one) the second on ties by order
        Backend p = lc.pick(b, VIP, VIP);
        assertThat(p).isSameAs(b.get(2));
        p.opened();
        assertThat(lc.pick(b, VIP, VIP)).isSameAs(b.get(1));
        // with connections held as picked, 10,000 picks leave the servers within one connection of each other
        for (int i = 0; i < 10_000; i++) {
            lc.pick(b, VIP, VIP).opened();
        }
        int max = b.stream().mapToInt(Backend::active).max().orElseThrow();
        int min = b.stream().mapToInt(Backend::active).min().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        // a draining (half-closed) connection counts 1/256 of an active one
        Backend x = backend(7, 1);
        Backend y = backend(8, 1);
        x.opened();
        x.halfClosed();
        y.opened();
        assertThat(lc.pick(List.of(y, x), VIP, VIP)).isSameAs(x);
    }

    @Test
    void shortestExpectedDelayWeighsActiveConnectionsByWeight() {
        Backend heavy = backend(1, 4);
        Backend light = backend(2, 1);
        Scheduler sed = Schedulers.create("sed");
        for (int i = 0; i < 10_000; i++) {
            sed.pick(List.of(heavy, light), VIP, VIP).opened();
        }
        // (a+1)/4 vs (b+1)/1 → the heavy server takes four of every five: 8,000 / 2,000
        assertThat(heavy.active()).isBetween(7999, 8001);
        assertThat(light.active()).isBetween(1999, 2001);
    }

    @Test
    void neverQueuePrefersAnIdleServerEvenALightOne() {
        Backend heavy = backend(1, 10);
        Backend light = backend(2, 1);
        heavy.opened();
        Scheduler nq = Schedulers.create("nq");
        assertThat(nq.pick(List.of(heavy, light), VIP, VIP)).isSameAs(light); // sed alone would choose heavy: 2/10 < 1/1
        light.opened();
        for (int i = 0; i < 10_000; i++) {
            nq.pick(List.of(heavy, light), VIP, VIP).opened();
        }
        // none idle → sed: (a+1)/10 vs (b+1)/1, heavy ≈ 10/11 of 10,002 connections
        assertThat(heavy.active()).isBetween(9090, 9094);
    }

    @Test
    void unknownSchedulerNamesAreRejected() {
        assertThatThrownBy(() -> Schedulers.create("wlcx")).hasMessageContaining("unknown scheduler \"wlcx\"");
        assertThat(Schedulers.NAMES).allSatisfy(n -> assertThat(Schedulers.create(n).name()).isEqualTo(n));
    }
}
