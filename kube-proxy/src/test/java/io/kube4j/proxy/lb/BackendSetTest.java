package io.kube4j.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackendSetTest {

    final AtomicLong now = new AtomicLong();

    static BackendSet.Endpoint ep(int i, int weight) {
        return new BackendSet.Endpoint(new InetSocketAddress(SchedulersTest.address("127.0.0." + i), 9000), weight);
    }

    @Test
    void updateKeepsTheCountsOfServersThatStayAndDropsTheOthers() {
        BackendSet set = new BackendSet(Schedulers.create("rr"), now::get);
        set.update(List.of(ep(1, 1), ep(2, 1)));
        Backend first = set.backends().get(0);
        first.opened();
        set.update(List.of(ep(1, 3), ep(3, 1)));
        assertThat(set.backends()).hasSize(2);
        assertThat(set.backends().get(0)).isSameAs(first);
        assertThat(first.active()).isEqualTo(1);
        assertThat(first.weight()).isEqualTo(3);
    }

    @Test
    void skipsTriedAndQuiescedServersAndSaysWhenNoneIsLeft() {
        BackendSet set = new BackendSet(Schedulers.create("rr"), now::get);
        set.update(List.of(ep(1, 1), ep(2, 0), ep(3, 1)));
        Backend one = set.backends().get(0);
        Backend three = set.backends().get(2);
        InetAddress client = SchedulersTest.address("10.0.0.1");
        for (int i = 0; i < 10; i++) {
            assertThat(set.pick(client, client, Set.of(one))).contains(three);
        }
        assertThat(set.pick(client, client, Set.of(one, three))).isEmpty();
    }

    @Test
    void clientIpAffinityHoldsUntilTheTimeoutThenReschedules() {
        BackendSet set = new BackendSet(Schedulers.create("rr"), now::get);
        set.update(List.of(ep(1, 1), ep(2, 1), ep(3, 1)));
        set.affinity(Duration.ofSeconds(10));
        InetAddress client = SchedulersTest.address("10.0.0.1");
        Backend pinned = set.pick(client, client, Set.of()).orElseThrow();
        for (int i = 0; i < 100; i++) {
            now.addAndGet(Duration.ofMillis(50).toNanos());
            assertThat(set.pick(client, client, Set.of())).contains(pinned);
        }
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(set.pick(client, client, Set.of())).isNotEqualTo(java.util.Optional.of(pinned)); // rr moved on
        // a pinned server that refused is skipped
        Backend again = set.pick(client, client, Set.of()).orElseThrow();
        assertThat(set.pick(client, client, Set.of(again))).isNotEqualTo(java.util.Optional.of(again));
    }
}
