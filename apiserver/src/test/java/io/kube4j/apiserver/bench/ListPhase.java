package io.kube4j.apiserver.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** (c) Whole-namespace pod lists, one at a time, timed until the last byte of the body is read. */
final class ListPhase {

    private static final int WARMUP = 2;

    private ListPhase() {
    }

    /**
     * @param query        "?resourceVersion=0" (watch cache) or "" (a quorum read from etcd)
     * @param expectedPods what the first list must hold; a list that holds something else stops the bench
     */
    static LoadRunner.Result run(String name, ApiClient api, String namespace, String query, int lists, int expectedPods)
            throws InterruptedException {
        String path = Pods.path(namespace) + query;
        byte[] first = null;
        try {
            first = api.call("GET", path, null, 200);
        } catch (BenchException e) {
            // the measured lists fail the same way and report it
        }
        if (first != null) {
            JsonNode list = Json.parse(new String(first, StandardCharsets.UTF_8));
            if (list.path("items").size() != expectedPods) {
                throw new BenchException(name + ": the list holds " + list.path("items").size() + " pods, expected " + expectedPods);
            }
        }
        LoadRunner.run(name + " warm-up", WARMUP, 1, Duration.ZERO, Duration.ofSeconds(120),
                i -> api.send(i, "GET", path, null, 200));
        return LoadRunner.run(name, lists, 1, Duration.ZERO, Duration.ofSeconds(60L + 10L * lists),
                i -> api.send(i, "GET", path, null, 200));
    }
}
