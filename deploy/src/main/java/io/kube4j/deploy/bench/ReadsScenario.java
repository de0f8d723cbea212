package io.kube4j.deploy.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.GetOption;
import io.kube4j.common.api.Json;
import io.kube4j.common.client.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code reads} on the cluster: one-pod gets and whole-namespace lists of 100, 1,000 and
 * {@code bigNamespace}'s pods, from the watch cache ({@code resourceVersion=0}) and from etcd, one at a
 * time; the baseline is the same range read straight from the cluster's etcd with jetcd (mutual TLS,
 * the apiserver's etcd client certificate).
 */
final class ReadsScenario {

    private ReadsScenario() {
    }

    static List<Figure> run(BenchCluster cluster, ApiClient api, String bigNamespace, int bigCount, int lists, int gets)
            throws Exception {
        List<Figure> figures = new ArrayList<>();
        String[][] namespaces = bigCount > 0
                ? new String[][] {{"bench-reads-100", "100"}, {"bench-reads-1000", "1000"}, {bigNamespace, Integer.toString(bigCount)}}
                : new String[][] {{"bench-reads-100", "100"}, {"bench-reads-1000", "1000"}};
        for (String[] ns : namespaces) {
            if (ns[0].equals(bigNamespace)) {
                continue;
            }
            api.post("/api/v1/namespaces", Objects.namespace(ns[0]));
            int count = Integer.parseInt(ns[1]);
            Parallel.Result created = Parallel.run(count, 64, Duration.ofMinutes(2), i -> api.send("POST",
                    "/api/v1/namespaces/" + ns[0] + "/pods",
                    Json.bytes(Objects.pod(ns[0], String.format("read-%05d", i), "bench-unscheduled", Map.of())), "application/json"));
            if (created.failures() > 0) {
                throw new BenchException("reads: pod creates failed: " + created.firstFailure());
            }
        }
        try (Client etcd = etcd(cluster)) {
            KV kv = etcd.getKVClient();
            for (String[] ns : namespaces) {
                String path = "/api/v1/namespaces/" + ns[0] + "/pods";
                ByteSequence prefix = bytes("/registry/core/pods/" + ns[0] + "/");
                int expected = Integer.parseInt(ns[1]);
                GetOption range = GetOption.builder().isPrefix(true).build();
                Stats raw = timed(lists, () -> check(kv.get(prefix, range).get(60, TimeUnit.SECONDS).getKvs().size(), expected, "etcd range"));
                Stats cache = timed(lists, () -> check(api.get(path + "?resourceVersion=0").path("items").size(), expected, "cache list"));
                Stats fromEtcd = timed(lists, () -> check(api.get(path).path("items").size(), expected, "etcd list"));
                String size = String.format("%,d", expected) + (ns[0].equals(bigNamespace) ? " bound" : "");
                figures.add(Figure.info("reads", "list " + size + " pods, watch cache p50", cache.p50(), "ms", "jetcd range p50", raw.p50()));
                figures.add(Figure.target("reads", "list " + size + " pods, watch cache p99", cache.p99(), "ms", "jetcd range p99", raw.p99(),
                        "<= 200 ms", cache.p99() <= 200));
                figures.add(Figure.info("reads", "list " + size + " pods, etcd p50", fromEtcd.p50(), "ms", "jetcd range p50", raw.p50()));
                figures.add(Figure.target("reads", "list " + size + " pods, etcd p99", fromEtcd.p99(), "ms", "jetcd range p99", raw.p99(),
                        "<= 200 ms", fromEtcd.p99() <= 200));
            }
            String ns = "bench-reads-1000";
            Stats rawGet = timed(gets, i -> kv.get(bytes("/registry/core/pods/" + ns + "/" + String.format("read-%05d", i % 1000)))
                    .get(10, TimeUnit.SECONDS));
            Stats get = timed(gets, i -> api.get("/api/v1/namespaces/" + ns + "/pods/" + String.format("read-%05d", i % 1000)));
            figures.add(Figure.info("reads", "get 1 pod p50", get.p50(), "ms", "jetcd get p50", rawGet.p50()));
            figures.add(Figure.info("reads", "get 1 pod p99", get.p99(), "ms", "jetcd get p99", rawGet.p99()));
        }
        return figures;
    }

    private interface Read {
        void run(int i) throws Exception;
    }

    private interface Call {
        void run() throws Exception;
    }

    /** One warm-up call, then {@code count} timed ones in sequence; milliseconds. */
    private static Stats timed(int count, Call call) throws Exception {
        return timed(count, i -> call.run());
    }

    private static Stats timed(int count, Read read) throws Exception {
        read.run(0);
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            read.run(i);
            millis[i] = (System.nanoTime() - began) / 1e6;
        }
        return Stats.of(millis);
    }

    private static void check(int got, int expected, String what) {
        if (got < expected) {
            throw new BenchException("reads: " + what + " returned " + got + " of " + expected + " pods");
        }
    }

    private static Client etcd(BenchCluster cluster) throws javax.net.ssl.SSLException {
        return Client.builder().endpoints("https://127.0.0.1:" + cluster.etcdPort).maxInboundMessageSize(Integer.MAX_VALUE)
                .sslContext(ssl -> {
                    ssl.trustManager(cluster.pki().resolve("ca.crt").toFile());
                    ssl.keyManager(cluster.pki().resolve("apiserver-etcd-client.crt").toFile(),
                            cluster.pki().resolve("apiserver-etcd-client.key").toFile());
                }).build();
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
