package io.kube4j.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.EtcdProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Fault test 01: 8 writers create and update ConfigMaps while the apiserver process is SIGKILLed and started
 * again. Every write request carries an id of its own (writer and sequence), recorded with its outcome. A
 * create stores its id as the first entry of {@code data.log}; an update reads the object and writes it back
 * (resourceVersion precondition) with its id appended. Afterwards:
 * <ul>
 *   <li>every 2xx-acknowledged create is present under the name the reply gave, its log starting with its id;</li>
 *   <li>every 2xx-acknowledged update's id is in its object's log;</li>
 *   <li>no id is present twice anywhere (a request, failed or not, is applied at most once — an apiserver
 *       that retried a generateName create behind the client's back would store one id under two names).</li>
 * </ul>
 * A failed request may or may not have been applied (a SIGKILL between etcd's commit and the reply): those are
 * counted, not judged.
 */
class AcknowledgedWritesIT {

    private static final String NAMESPACE = "chaos-acks";
    private static final int WRITERS = 8;

    /** One write request and what the client was told. */
    record Attempt(String id, String kind, int writer, String name, boolean acknowledged, String outcome) {
    }

    @Test
    void everyAcknowledgedWriteSurvivesApiserverKills() throws Exception {
        int kills = ChaosReport.full() ? 5 : 3;
        int acksBetweenKills = ChaosReport.full() ? 300 : 60;
        Path pki = ApiServerProcess.newPki();
        Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        AtomicInteger acked = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Double> restartSeconds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        long started = System.nanoTime();
        try (EtcdProcess etcd = ApiServerProcess.startEtcd();
             ApiServerProcess api = ApiServerProcess.start(pki, etcd.endpoint())) {
            TestClient admin = api.admin();
            assertThat(admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}")).code())
                    .isEqualTo(201);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Writer writer = new Writer(w, api.admin(), attempts, acked, stop);
                writers.add(pool.submit(() -> {
                    writer.run();
                    return null;
                }));
            }
            for (int k = 0; k < kills; k++) {
                awaitAcks(acked, acked.get() + acksBetweenKills, api);
                api.kill9();
                restartSeconds.add(api.restart().toMillis() / 1000.0);
            }
            awaitAcks(acked, acked.get() + acksBetweenKills, api);
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            verify(admin, List.copyOf(attempts), kills, restartSeconds, (System.nanoTime() - started) / 1e9);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static void awaitAcks(AtomicInteger acked, int target, ApiServerProcess api) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acked.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("writers got only " + acked.get() + " of " + target + " acknowledgements in 120 s:\n"
                        + api.logTail());
            }
            Thread.sleep(20);
        }
    }

    private static void verify(TestClient admin, List<Attempt> attempts, int kills, List<Double> restartSeconds, double seconds)
            throws Exception {
        TestClient.Reply list = admin.get("/api/v1/namespaces/" + NAMESPACE + "/configmaps");
        assertThat(list.code()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("metadata").path("continue").asText("")).as("one complete page").isEmpty();
        Map<String, List<String>> logs = new HashMap<>();
        Map<String, List<String>> namesById = new HashMap<>();
        for (JsonNode item : list.json().path("items")) {
            String name = item.path("metadata").path("name").asText();
            List<String> log = List.of(item.path("data").path("log").asText("").trim().split(" "));
            logs.put(name, log);
            for (String id : log) {
                namesById.computeIfAbsent(id, x -> new ArrayList<>()).add(name);
            }
        }
        int acknowledged = 0;
        int failed = 0;
        int acknowledgedFound = 0;
        int failedButApplied = 0;
        List<String> lost = new ArrayList<>();
        for (Attempt a : attempts) {
            boolean found = a.kind().equals("create")
                    ? logs.getOrDefault(a.name(), List.of()).indexOf(a.id()) == 0
                    : logs.getOrDefault(a.name(), List.of()).contains(a.id());
            if (a.acknowledged()) {
                acknowledged++;
                if (found) {
                    acknowledgedFound++;
                } else if (lost.size() < 20) {
                    lost.add(a.toString());
                }
            } else {
                failed++;
                failedButApplied += namesById.containsKey(a.id()) ? 1 : 0;
            }
        }
        List<String> duplicates = namesById.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " in " + e.getValue()).limit(20).toList();
        Map<String, Integer> failures = new HashMap<>();
        attempts.stream().filter(a -> !a.acknowledged()).forEach(a -> failures.merge(a.outcome(), 1, Integer::sum));

        boolean passed = acknowledgedFound == acknowledged && duplicates.isEmpty() && restartSeconds.size() == kills;
        ChaosReport.section("01", "Acknowledged writes survive apiserver SIGKILLs")
                .invariant("every 2xx-acknowledged create is present under its name with its content, every acknowledged update's id is in its object")
                .invariant("no write request (acknowledged or failed) is applied twice: each request id is stored at most once")
                .figure("writers", WRITERS)
                .figure("apiserver SIGKILLs + restarts", restartSeconds.size())
                .figure("seconds per restart to ready", restartSeconds)
                .figure("write requests attempted", attempts.size())
                .figure("acknowledged (2xx)", acknowledged)
                .figure("acknowledged found afterwards", acknowledgedFound)
                .figure("failed (4xx/5xx/connection error)", failed)
                .figure("failed by outcome", failures)
                .figure("failed but applied (ambiguous, allowed once)", failedButApplied)
                .figure("request ids stored twice", duplicates.size())
                .figure("objects at the end", logs.size())
                .figure("test seconds", String.format("%.1f", seconds))
                .record(passed);
        assertThat(lost).as("acknowledged writes missing afterwards").isEmpty();
        assertThat(duplicates).as("request ids stored more than once").isEmpty();
        assertThat(acknowledgedFound).isEqualTo(acknowledged);
    }

    /** Creates (generateName) and read-modify-write updates of its own objects until told to stop. */
    private static final class Writer {
        private final int index;
        private final TestClient client;
        private final Queue<Attempt> attempts;
        private final AtomicInteger acked;
        private final AtomicBoolean stop;
        private final Random random;
        private final List<String> objects = new ArrayList<>();
        private int sequence;

        Writer(int index, TestClient client, Queue<Attempt> attempts, AtomicInteger acked, AtomicBoolean stop) {
            this.index = index;
            this.client = client;
            this.attempts = attempts;
            this.acked = acked;
            this.stop = stop;
            this.random = new Random(1000 + index);
        }

        void run() throws InterruptedException {
            while (!stop.get()) {
                boolean ok = objects.isEmpty() || random.nextInt(100) < 35 ? create() : update();
                if (!ok) {
                    Thread.sleep(20); // a client's back-off while the apiserver is down
                }
            }
        }

        private String nextId() {
            return "w" + index + "-" + (sequence++);
        }

        private boolean create() {
            String id = nextId();
            ObjectNode body = Json.object();
            body.putObject("metadata").put("generateName", "w" + index + "-");
            body.putObject("data").put("log", id);
            try {
                TestClient.Reply reply = client.post("/api/v1/namespaces/" + NAMESPACE + "/configmaps", body);
                if (reply.code() / 100 == 2) {
                    String name = reply.json().path("metadata").path("name").asText();
                    record(new Attempt(id, "create", index, name, true, Integer.toString(reply.code())));
                    objects.add(name);
                    return true;
                }
                record(new Attempt(id, "create", index, null, false, Integer.toString(reply.code())));
            } catch (Exception e) {
                record(new Attempt(id, "create", index, null, false, e.getClass().getSimpleName()));
            }
            return false;
        }

        private boolean update() {
            String name = objects.get(random.nextInt(objects.size()));
            String path = "/api/v1/namespaces/" + NAMESPACE + "/configmaps/" + name;
            JsonNode current;
            try {
                TestClient.Reply read = client.get(path);
                if (read.code() != 200) {
                    return false;
                }
                current = read.json();
            } catch (Exception e) {
                return false;
            }
            String id = nextId();
            ObjectNode body = (ObjectNode) current;
            ((ObjectNode) body.path("data")).put("log", body.path("data").path("log").asText() + " " + id);
            try {
                TestClient.Reply reply = client.put(path, body);
                boolean ok = reply.code() / 100 == 2;
                record(new Attempt(id, "update", index, name, ok, Integer.toString(reply.code())));
                return ok;
            } catch (Exception e) {
                record(new Attempt(id, "update", index, name, false, e.getClass().getSimpleName()));
                return false;
            }
        }

        private void record(Attempt attempt) {
            attempts.add(attempt);
            if (attempt.acknowledged()) {
                acked.incrementAndGet();
            }
        }
    }
}
