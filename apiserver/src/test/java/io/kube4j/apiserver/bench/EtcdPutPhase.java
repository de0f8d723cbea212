package io.kube4j.apiserver.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.DeleteOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** (a) The floor under every apiserver write: plain jetcd puts of a pod-sized value, many in flight. */
final class EtcdPutPhase {

    private EtcdPutPhase() {
    }

    /**
     * Puts a quarter of {@code puts} keys unmeasured (JIT, connection), then {@code puts} measured
     * ones, with at most {@code writers} in flight, under {@code prefix}.
     */
    static LoadRunner.Result run(List<String> endpoints, String prefix, byte[] value, int puts, int writers,
                                 Duration deadline) throws InterruptedException {
        Client client = Client.builder().endpoints(endpoints.toArray(String[]::new))
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            KV kv = client.getKVClient();
            ByteSequence bytes = ByteSequence.from(value);
            LoadRunner.Result warm = LoadRunner.run("etcd put warm-up", Math.max(1, puts / 4), writers, Duration.ZERO, deadline,
                    i -> kv.put(key(prefix + "/raw-warmup/", i), bytes));
            if (warm.failures() > 0) {
                throw new BenchException("etcd puts fail: " + warm.firstFailure());
            }
            return LoadRunner.run("etcd puts", puts, writers, Duration.ZERO, deadline,
                    i -> kv.put(key(prefix + "/raw/", i), bytes));
        } finally {
            client.close();
        }
    }

    /** Deletes everything the bench wrote under {@code prefix} (only needed on an etcd the bench did not start). */
    static void deleteAll(List<String> endpoints, String prefix) {
        Client client = Client.builder().endpoints(endpoints.toArray(String[]::new))
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            ByteSequence key = ByteSequence.from(prefix + "/", StandardCharsets.UTF_8);
            ApiClient.await(client.getKVClient().delete(key,
                    DeleteOption.builder().isPrefix(true).build()), "deleting " + prefix + "/ from etcd");
        } finally {
            client.close();
        }
    }

    private static ByteSequence key(String prefix, int i) {
        return ByteSequence.from(prefix + String.format("%07d", i), StandardCharsets.UTF_8);
    }
}
