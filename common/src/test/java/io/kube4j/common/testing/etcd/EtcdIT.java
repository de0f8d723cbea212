package io.kube4j.common.testing.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.options.WatchOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Proves the extension hands out a real etcd: put, get and watch through jetcd. */
@EtcdTest
class EtcdIT {

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Test
    void putThenGetReturnsTheValueWithAModRevision(Etcd etcd) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build()) {
            ByteSequence key = bytes(etcd.prefix() + "/hello");
            client.getKVClient().put(key, bytes("world")).get(10, TimeUnit.SECONDS);

            List<KeyValue> kvs = client.getKVClient().get(key).get(10, TimeUnit.SECONDS).getKvs();

            assertThat(kvs).hasSize(1);
            assertThat(kvs.get(0).getValue().toString(StandardCharsets.UTF_8)).isEqualTo("world");
            assertThat(kvs.get(0).getModRevision()).isPositive();
        }
    }

    @Test
    void watchOnAPrefixSeesPutsAndDeletesInOrder(Etcd etcd) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build()) {
            String prefix = etcd.prefix() + "/watched/";
            LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
            WatchOption option = WatchOption.builder().isPrefix(true).withCreateNotify(true).build();
            LinkedBlockingQueue<Boolean> created = new LinkedBlockingQueue<>();
            try (var watcher = client.getWatchClient().watch(bytes(prefix), option, response -> {
                if (response.isCreatedNotify()) {
                    created.add(true);
                }
                for (WatchEvent e : response.getEvents()) {
                    seen.add(e.getEventType() + " " + e.getKeyValue().getKey().toString(StandardCharsets.UTF_8)
                            .substring(prefix.length()));
                }
            })) {
                assertThat(created.poll(10, TimeUnit.SECONDS)).as("watch created").isTrue();
                client.getKVClient().put(bytes(prefix + "a"), bytes("1")).get(10, TimeUnit.SECONDS);
                client.getKVClient().put(bytes(prefix + "b"), bytes("2")).get(10, TimeUnit.SECONDS);
                client.getKVClient().delete(bytes(prefix + "a")).get(10, TimeUnit.SECONDS);

                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("PUT a");
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("PUT b");
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("DELETE a");
            }
        }
    }

    @Test
    void eachTestClassGetsItsOwnKeyPrefix(Etcd etcd) {
        assertThat(etcd.prefix()).startsWith("/kube4j-test-etcdit-");
        assertThat(etcd.endpoints()).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("http://"));
    }
}
