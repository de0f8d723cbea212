package io.kube4j.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.EtcdProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fault test 05: two apiserver processes on one etcd. Each round, clients (half through each apiserver) send
 * the same update precondition (one resourceVersion) at once: exactly one gets 200, the others 409, and the
 * stored object is the winner's. A watch opened on each apiserver sees every winning update, in the same
 * order of resourceVersions.
 */
class TwoApiServersIT {

    private static final String NAMESPACE = "chaos-two";
    private static final String OBJECT = "/api/v1/namespaces/" + NAMESPACE + "/configmaps/race";

    @Test
    void exactlyOneConflictingUpdateWinsAndBothWatchesSeeEveryEvent() throws Exception {
        int rounds = ChaosReport.full() ? 500 : 100;
        int racers = ChaosReport.full() ? 8 : 6;
        Path pki = ApiServerProcess.newPki();
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try (EtcdProcess etcd = ApiServerProcess.startEtcd();
             ApiServerProcess a = ApiServerProcess.start(pki, etcd.endpoint());
             ApiServerProcess b = ApiServerProcess.start(pki, etcd.endpoint())) {
            TestClient adminA = a.admin();
            TestClient adminB = b.admin();
            assertThat(adminA.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}")).code())
                    .isEqualTo(201);
            TestClient.Reply created = adminB.post("/api/v1/namespaces/" + NAMESPACE + "/configmaps",
                    Json.parse("{\"metadata\":{\"name\":\"race\"},\"data\":{\"winner\":\"none\"}}"));
            assertThat(created.code()).as(created.body()).isEqualTo(201);
            String from = created.json().path("metadata").path("resourceVersion").asText();
            String watchPath = "/api/v1/namespaces/" + NAMESPACE + "/configmaps?watch=true&resourceVersion=" + from;
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                clients.add(i % 2 == 0 ? a.admin() : b.admin());
            }
            List<Long> expected = new ArrayList<>();
            Map<Integer, Integer> winnersPerRound = new TreeMap<>();
            Map<String, Integer> codes = new TreeMap<>();
            List<String> wrongStored = new ArrayList<>();
            try (TestClient.Watch watchA = adminA.watch(watchPath);
                 TestClient.Watch watchB = adminB.watch(watchPath)) {
                assertThat(watchA.code()).isEqualTo(200);
                assertThat(watchB.code()).isEqualTo(200);
                for (int round = 0; round < rounds; round++) {
                    TestClient reader = round % 2 == 0 ? adminA : adminB;
                    JsonNode current = reader.get(OBJECT).json();
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<TestClient.Reply>> replies = new ArrayList<>();
                    for (int i = 0; i < racers; i++) {
                        ObjectNode body = current.deepCopy();
                        ((ObjectNode) body.path("data")).put("winner", "r" + round + "-c" + i);
                        TestClient client = clients.get(i);
                        replies.add(pool.submit(() -> {
                            go.await();
                            return client.put(OBJECT, body);
                        }));
                    }
                    go.countDown();
                    int winners = 0;
                    String winner = null;
                    for (int i = 0; i < racers; i++) {
                        TestClient.Reply reply = replies.get(i).get(60, TimeUnit.SECONDS);
                        codes.merge(Integer.toString(reply.code()), 1, Integer::sum);
                        if (reply.code() == 200) {
                            winners++;
                            winner = "r" + round + "-c" + i;
                            expected.add(Long.parseLong(reply.json().path("metadata").path("resourceVersion").asText()));
                        }
                    }
                    winnersPerRound.merge(winners, 1, Integer::sum);
                    String stored = (round % 2 == 0 ? adminB : adminA).get(OBJECT).json().path("data").path("winner").asText();
                    if (winner != null && !winner.equals(stored)) {
                        wrongStored.add("round " + round + ": winner " + winner + ", stored " + stored);
                    }
                }
                long last = expected.isEmpty() ? Long.parseLong(from) : expected.get(expected.size() - 1);
                List<Long> seenA = drainUntil(watchA, last);
                List<Long> seenB = drainUntil(watchB, last);
                boolean passed = winnersPerRound.keySet().equals(java.util.Set.of(1)) && codes.keySet().equals(java.util.Set.of("200", "409"))
                        && wrongStored.isEmpty() && seenA.equals(expected) && seenB.equals(expected);
                ChaosReport.section("05", "Two apiservers on one etcd")
                        .invariant("per round (one resourceVersion, updates through both apiservers at once) exactly one update wins (200), the rest get 409, and the winner's data is stored")
                        .invariant("a watch on each apiserver sees every winning update, in the same order of resourceVersions")
                        .figure("rounds", rounds)
                        .figure("racing clients per round (half per apiserver)", racers)
                        .figure("rounds by number of winners (must be {1=rounds})", winnersPerRound)
                        .figure("answers by code", codes)
                        .figure("rounds whose stored object is not the winner's", wrongStored.size())
                        .figure("events expected", expected.size())
                        .figure("events seen by the watch on apiserver A", seenA.size())
                        .figure("events seen by the watch on apiserver B", seenB.size())
                        .figure("A's sequence equals expected", seenA.equals(expected))
                        .figure("B's sequence equals expected", seenB.equals(expected))
                        .record(passed);
                assertThat(winnersPerRound).as("rounds by number of winners").containsOnlyKeys(1);
                assertThat(codes).as("answers by code").containsOnlyKeys("200", "409");
                assertThat(wrongStored).isEmpty();
                assertThat(seenA).as("resourceVersions seen by the watch on apiserver A").isEqualTo(expected);
                assertThat(seenB).as("resourceVersions seen by the watch on apiserver B").isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The resourceVersions of the watch's events up to and including {@code last}; stops at a 30 s silence. */
    private static List<Long> drainUntil(TestClient.Watch watch, long last) throws InterruptedException {
        List<Long> seen = new ArrayList<>();
        while (seen.isEmpty() || seen.get(seen.size() - 1) < last) {
            JsonNode event = watch.events().poll(30, TimeUnit.SECONDS);
            if (event == null || event.path("type").asText().equals("CLOSED")) {
                break;
            }
            if (!event.path("type").asText().equals("BOOKMARK")) {
                seen.add(Long.parseLong(event.path("object").path("metadata").path("resourceVersion").asText()));
            }
        }
        return seen;
    }
}
