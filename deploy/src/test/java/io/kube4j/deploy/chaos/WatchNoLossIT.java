package io.kube4j.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.CompactOption;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.EtcdProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Fault test 02: an informer-style client (list, then watch from the list's resourceVersion, resume from the
 * last seen version when the stream breaks, relist on 410 Gone) follows ConfigMaps that writers create, patch
 * and delete, through apiserver SIGKILLs and etcd compactions. Afterwards its cache equals a fresh list (names
 * and resourceVersions), and every object's versions it saw only went up.
 */
class WatchNoLossIT {

    private static final String NAMESPACE = "chaos-watch";
    private static final int WRITERS = 3;

    @Test
    void informerCacheEqualsAFreshListAfterRestartsAndCompactions() throws Exception {
        int restarts = ChaosReport.full() ? 5 : 2;
        int compactions = ChaosReport.full() ? 2 : 1;
        int eventsBetweenFaults = ChaosReport.full() ? 300 : 60;
        Path pki = ApiServerProcess.newPki();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        long started = System.nanoTime();
        try (EtcdProcess etcd = ApiServerProcess.startEtcd();
             ApiServerProcess api = ApiServerProcess.start(pki, etcd.endpoint());
             Client etcdClient = Client.builder().endpoints(etcd.endpoint()).build()) {
            TestClient admin = api.admin();
            assertThat(admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}")).code())
                    .isEqualTo(201);
            Informer informer = new Informer(api.admin());
            Future<?> informing = pool.submit(() -> {
                informer.run();
                return null;
            });
            awaitAtLeast(informer.lists, 1, "the informer's first list", api);
            AtomicInteger writes = new AtomicInteger();
            Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int index = w;
                TestClient client = api.admin();
                writers.add(pool.submit(() -> {
                    write(index, client, writes, acknowledged, stop);
                    return null;
                }));
            }
            int compacted = 0;
            List<Double> restartSeconds = new ArrayList<>();
            for (int k = 0; k < Math.max(restarts, compactions); k++) {
                awaitAtLeast(informer.events, informer.events.get() + eventsBetweenFaults, "watch events", api);
                if (k < compactions) {
                    // compact while the apiserver is up and its own etcd watch runs
                    compact(etcdClient);
                    compacted++;
                    awaitAtLeast(informer.events, informer.events.get() + eventsBetweenFaults, "watch events", api);
                }
                if (k < restarts) {
                    api.kill9();
                    if (k < compactions) {
                        // and while it is down: it starts on a compacted store; a resume from an old version gets 410
                        compact(etcdClient);
                        compacted++;
                    }
                    restartSeconds.add(api.restart().toMillis() / 1000.0);
                }
            }
            awaitAtLeast(informer.events, informer.events.get() + eventsBetweenFaults, "watch events", api);
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            // the informer catches up with the last write: poll until its cache equals a fresh list, or give up
            Map<String, Long> fresh = Map.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                fresh = list(admin).objects();
                if (fresh.equals(informer.snapshot())) {
                    break;
                }
                Thread.sleep(100);
            }
            Map<String, Long> cache = informer.snapshot();
            informer.stop();
            informing.get(30, TimeUnit.SECONDS);
            List<String> differences = differences(cache, fresh);
            int asEvents = 0;
            int coveredByList = 0;
            List<Long> missed = new ArrayList<>();
            for (long rv : acknowledged) {
                if (informer.delivered.contains(rv)) {
                    asEvents++;
                } else if (informer.listGaps.stream().anyMatch(gap -> rv > gap[0] && rv <= gap[1])) {
                    coveredByList++;
                } else {
                    missed.add(rv);
                }
            }
            boolean passed = differences.isEmpty() && informer.violations.isEmpty() && informer.relists.get() >= 1 && missed.isEmpty();
            ChaosReport.section("02", "Watches lose nothing through apiserver restarts and etcd compaction")
                    .invariant("the informer's final cache equals a fresh list (names and resourceVersions)")
                    .invariant("for every object, the resourceVersions the informer saw strictly increase (a list may repeat the last one)")
                    .invariant("a resume from a version the server no longer holds gets 410 and the informer relists")
                    .invariant("every acknowledged create/patch reached the informer as an event, unless a relist replaced the versions it fell between")
                    .figure("writers", WRITERS)
                    .figure("writes acknowledged (creates, patches, deletes)", writes.get())
                    .figure("acknowledged creates/patches delivered as events", asEvents)
                    .figure("... skipped over by a relist", coveredByList)
                    .figure("... missed (neither)", missed.size())
                    .figure("apiserver SIGKILLs + restarts", restartSeconds.size())
                    .figure("seconds per restart to ready", restartSeconds)
                    .figure("etcd compactions", compacted)
                    .figure("watch events seen", informer.events.get())
                    .figure("events by type", new TreeMap<>(informer.byType))
                    .figure("410 Gone answers", informer.gone.get())
                    .figure("watch resumes (stream broke, same version)", informer.resumes.get())
                    .figure("relists (after the first list)", informer.relists.get())
                    .figure("objects in cache / in fresh list", cache.size() + " / " + fresh.size())
                    .figure("cache differences", differences.size())
                    .figure("version-order violations", informer.violations.size())
                    .figure("test seconds", String.format("%.1f", (System.nanoTime() - started) / 1e9))
                    .record(passed);
            assertThat(informer.violations).as("resourceVersions seen out of order").isEmpty();
            assertThat(differences).as("informer cache vs a fresh list").isEmpty();
            assertThat(missed).as("acknowledged writes whose events the informer never got").isEmpty();
            assertThat(informer.relists.get()).as("relists after 410").isPositive();
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    /** Writes a key outside the apiserver's prefix (so the revision moves past everything seen) and compacts there. */
    private static void compact(Client etcd) throws Exception {
        long revision = etcd.getKVClient().put(ByteSequence.from("/chaos-bump", StandardCharsets.UTF_8),
                ByteSequence.from(Long.toString(System.nanoTime()), StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS)
                .getHeader().getRevision();
        etcd.getKVClient().compact(revision, CompactOption.DEFAULT).get(10, TimeUnit.SECONDS);
    }

    /**
     * Creates, merge-patches and deletes its own ConfigMaps until told to stop; the resourceVersions of
     * acknowledged creates and patches go to {@code acknowledged}.
     */
    private static void write(int index, TestClient client, AtomicInteger writes, Queue<Long> acknowledged, AtomicBoolean stop)
            throws InterruptedException {
        Random random = new Random(2000 + index);
        List<String> live = new ArrayList<>();
        int sequence = 0;
        String base = "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
        while (!stop.get()) {
            int dice = random.nextInt(100);
            int code;
            try {
                TestClient.Reply reply = null;
                if (live.isEmpty() || dice < 40) {
                    String name = "w" + index + "-" + sequence++;
                    reply = client.post(base, Json.parse("{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"v\":\"0\"}}"));
                    code = reply.code();
                    if (code == 201 || code == 409) {
                        live.add(name);
                    }
                } else if (dice < 80) {
                    String name = live.get(random.nextInt(live.size()));
                    reply = client.patch(base + "/" + name, "application/merge-patch+json",
                            Json.parse("{\"data\":{\"v\":\"" + sequence++ + "\"}}"));
                    code = reply.code();
                } else {
                    String name = live.remove(random.nextInt(live.size()));
                    code = client.delete(base + "/" + name).code();
                }
                if (reply != null && code / 100 == 2) {
                    acknowledged.add(version(reply.json()));
                }
            } catch (Exception e) {
                code = 0;
            }
            if (code / 100 == 2) {
                writes.incrementAndGet();
            } else {
                Thread.sleep(20); // back off while the apiserver is down
            }
        }
    }

    private record Listing(Map<String, Long> objects, String resourceVersion) {
    }

    private static Listing list(TestClient client) throws Exception {
        TestClient.Reply reply = client.get("/api/v1/namespaces/" + NAMESPACE + "/configmaps");
        if (reply.code() != 200) {
            throw new IllegalStateException("list answered " + reply.code() + ": " + reply.body());
        }
        Map<String, Long> objects = new HashMap<>();
        for (JsonNode item : reply.json().path("items")) {
            objects.put(item.path("metadata").path("name").asText(), version(item));
        }
        return new Listing(objects, reply.json().path("metadata").path("resourceVersion").asText());
    }

    private static long version(JsonNode object) {
        return Long.parseLong(object.path("metadata").path("resourceVersion").asText());
    }

    private static List<String> differences(Map<String, Long> cache, Map<String, Long> fresh) {
        List<String> out = new ArrayList<>();
        fresh.forEach((name, rv) -> {
            if (!rv.equals(cache.get(name))) {
                out.add(name + ": list " + rv + ", cache " + cache.get(name));
            }
        });
        cache.keySet().stream().filter(name -> !fresh.containsKey(name)).forEach(name -> out.add(name + ": only in the cache"));
        return out;
    }

    private static void awaitAtLeast(AtomicInteger counter, int target, String what, ApiServerProcess api) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + counter.get() + " of " + target + " " + what + " in 120 s:\n" + api.logTail());
            }
            Thread.sleep(20);
        }
    }

    /**
     * The client under test: a reflector as client-go's, reduced to what the invariants need (name to
     * resourceVersion). One thread; the counters are read by the test.
     */
    private static final class Informer {
        private final TestClient client;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Map<String, Long> cache = new ConcurrentHashMap<>();
        private final Map<String, Long> lastSeen = new HashMap<>();
        private final Map<String, Integer> byType = new ConcurrentHashMap<>();
        private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger lists = new AtomicInteger();
        private final AtomicInteger relists = new AtomicInteger();
        private final AtomicInteger events = new AtomicInteger();
        private final AtomicInteger gone = new AtomicInteger();
        private final AtomicInteger resumes = new AtomicInteger();
        private final AtomicLong resourceVersion = new AtomicLong();
        private final java.util.Set<Long> delivered = ConcurrentHashMap.newKeySet();
        /** Per list: (the version the informer had reached, the list's version]; events in there may be skipped. */
        private final List<long[]> listGaps = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile TestClient.Watch current;

        Informer(TestClient client) {
            this.client = client;
        }

        Map<String, Long> snapshot() {
            return Map.copyOf(cache);
        }

        void stop() throws Exception {
            stopped.set(true);
            TestClient.Watch watch = current;
            if (watch != null) {
                watch.close();
            }
        }

        void run() throws InterruptedException {
            boolean needList = true;
            while (!stopped.get()) {
                try {
                    if (needList) {
                        relist();
                        needList = false;
                    }
                    needList = watchOnce();
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    Thread.sleep(50); // apiserver down: retry
                }
            }
        }

        private void relist() throws Exception {
            Listing listing = list(client);
            for (Map.Entry<String, Long> e : listing.objects().entrySet()) {
                Long seen = lastSeen.get(e.getKey());
                if (seen != null && e.getValue() < seen) {
                    violations.add("list gave " + e.getKey() + " at " + e.getValue() + " after " + seen);
                }
                lastSeen.put(e.getKey(), e.getValue());
            }
            cache.keySet().retainAll(listing.objects().keySet());
            cache.putAll(listing.objects());
            long listed = Long.parseLong(listing.resourceVersion());
            listGaps.add(new long[] {resourceVersion.get(), listed});
            resourceVersion.set(listed);
            if (lists.getAndIncrement() > 0) {
                relists.incrementAndGet();
            }
        }

        /** Runs one watch until its stream ends; true when the version is gone and a relist is needed. */
        private boolean watchOnce() throws Exception {
            TestClient.Watch watch = client.watch("/api/v1/namespaces/" + NAMESPACE + "/configmaps?watch=true&allowWatchBookmarks=true"
                    + "&resourceVersion=" + resourceVersion.get());
            current = watch;
            try {
                if (watch.code() == 410) {
                    gone.incrementAndGet();
                    return true;
                }
                if (watch.code() != 200) {
                    throw new IllegalStateException("watch answered " + watch.code());
                }
                while (!stopped.get()) {
                    JsonNode event = watch.events().poll(1, TimeUnit.SECONDS);
                    if (event == null) {
                        continue;
                    }
                    String type = event.path("type").asText();
                    JsonNode object = event.path("object");
                    switch (type) {
                        case "CLOSED" -> {
                            resumes.incrementAndGet();
                            return false;
                        }
                        case "BOOKMARK" -> resourceVersion.set(version(object));
                        case "ERROR" -> {
                            if (object.path("code").asInt() == 410) {
                                gone.incrementAndGet();
                                return true;
                            }
                            violations.add("watch ERROR event: " + object);
                            return true;
                        }
                        case "ADDED", "MODIFIED", "DELETED" -> apply(type, object);
                        default -> violations.add("unknown watch event: " + event);
                    }
                }
                return false;
            } finally {
                watch.close();
            }
        }

        private void apply(String type, JsonNode object) {
            String name = object.path("metadata").path("name").asText();
            long rv = version(object);
            Long seen = lastSeen.get(name);
            if (seen != null && rv <= seen) {
                violations.add(type + " " + name + " at " + rv + " after " + seen);
            }
            lastSeen.put(name, rv);
            if (type.equals("DELETED")) {
                cache.remove(name);
            } else {
                cache.put(name, rv);
            }
            resourceVersion.set(rv);
            delivered.add(rv);
            events.incrementAndGet();
            byType.merge(type, 1, Integer::sum);
        }
    }
}
