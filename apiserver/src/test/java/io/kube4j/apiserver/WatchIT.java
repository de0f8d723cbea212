package io.kube4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Watches from the watch cache: event order, selectors, resume, 410 and restarts. */
@EtcdTest
class WatchIT {

    static TestCluster cluster;
    static TestClient admin;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        // a tiny ring so that "too old" is easy to reach
        cluster = TestCluster.start(etcd, Duration.ZERO, 20);
        admin = cluster.admin();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static String namespace(String name) throws Exception {
        assertThat(admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + name + "\"}}")).code()).isEqualTo(201);
        return name;
    }

    static String cm(String name, String label) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"tier\":\"" + label + "\"}},\"data\":{\"k\":\"v\"}}";
    }

    @Test
    void watchFromAListVersionSeesAddedModifiedAndDeletedInOrder() throws Exception {
        String ns = namespace("watch-order");
        String rv = admin.get("/api/v1/namespaces/" + ns + "/configmaps").json().path("metadata").path("resourceVersion").asText();
        try (TestClient.Watch watch = admin.watch("/api/v1/namespaces/" + ns + "/configmaps?watch=true&resourceVersion=" + rv)) {
            assertThat(watch.code()).isEqualTo(200);
            admin.post("/api/v1/namespaces/" + ns + "/configmaps", cm("a", "x"));
            admin.patch("/api/v1/namespaces/" + ns + "/configmaps/a", "application/merge-patch+json", "{\"data\":{\"k\":\"w\"}}");
            admin.delete("/api/v1/namespaces/" + ns + "/configmaps/a");

            JsonNode added = watch.next();
            JsonNode modified = watch.next();
            JsonNode deleted = watch.next();
            assertThat(added.path("type").asText()).isEqualTo("ADDED");
            assertThat(modified.path("type").asText()).isEqualTo("MODIFIED");
            assertThat(modified.path("object").path("data").path("k").asText()).isEqualTo("w");
            assertThat(deleted.path("type").asText()).isEqualTo("DELETED");
            assertThat(deleted.path("object").path("data").path("k").asText()).isEqualTo("w");
            assertThat(deleted.path("object").path("metadata").path("resourceVersion").asLong())
                    .isGreaterThan(modified.path("object").path("metadata").path("resourceVersion").asLong());
        }
    }

    @Test
    void watchWithoutVersionStartsWithSyntheticAddsAndObjectsLeavingTheSelectorAreDeleted() throws Exception {
        String ns = namespace("watch-selector");
        admin.post("/api/v1/namespaces/" + ns + "/configmaps", cm("existing", "front"));
        try (TestClient.Watch watch = admin.watch("/api/v1/namespaces/" + ns + "/configmaps?watch=1&labelSelector=tier%3Dfront")) {
            JsonNode initial = watch.next();
            assertThat(initial.path("type").asText()).isEqualTo("ADDED");
            assertThat(initial.path("object").path("metadata").path("name").asText()).isEqualTo("existing");

            admin.post("/api/v1/namespaces/" + ns + "/configmaps", cm("other", "back"));
            admin.patch("/api/v1/namespaces/" + ns + "/configmaps/existing", "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"tier\":\"back\"}}}");
            admin.patch("/api/v1/namespaces/" + ns + "/configmaps/other", "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}");

            JsonNode left = watch.next();
            assertThat(left.path("type").asText()).isEqualTo("DELETED");
            assertThat(left.path("object").path("metadata").path("name").asText()).isEqualTo("existing");
            JsonNode entered = watch.next();
            assertThat(entered.path("type").asText()).isEqualTo("ADDED");
            assertThat(entered.path("object").path("metadata").path("name").asText()).isEqualTo("other");
        }
    }

    @Test
    void aVersionOlderThanTheCacheGetsAnExpiredErrorEvent() throws Exception {
        String ns = namespace("watch-expired");
        String rv = admin.get("/api/v1/namespaces/" + ns + "/configmaps").json().path("metadata").path("resourceVersion").asText();
        for (int i = 0; i < 30; i++) {
            admin.post("/api/v1/namespaces/" + ns + "/configmaps", cm("c" + i, "x"));
        }
        try (TestClient.Watch watch = admin.watch("/api/v1/namespaces/" + ns + "/configmaps?watch=true&resourceVersion=" + rv)) {
            JsonNode error = watch.next();
            assertThat(error.path("type").asText()).isEqualTo("ERROR");
            assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
            assertThat(error.path("object").path("reason").asText()).isEqualTo("Expired");
        }
    }

    @Test
    void timeoutSecondsEndsTheStreamCleanly() throws Exception {
        String ns = namespace("watch-timeout");
        try (TestClient.Watch watch = admin.watch("/api/v1/namespaces/" + ns + "/configmaps?watch=true&timeoutSeconds=1")) {
            assertThat(watch.next().path("type").asText()).isEqualTo("CLOSED");
        }
    }

    @Test
    void aWatchResumesOnANewApiserverFromTheLastSeenVersionAndDataSurvivesRestart() throws Exception {
        String ns = namespace("watch-restart");
        String last;
        try (TestClient.Watch watch = admin.watch("/api/v1/namespaces/" + ns + "/configmaps?watch=true&resourceVersion="
                + admin.get("/api/v1/namespaces/" + ns + "/configmaps").json().path("metadata").path("resourceVersion").asText())) {
            admin.post("/api/v1/namespaces/" + ns + "/configmaps", cm("before", "x"));
            last = watch.next().path("object").path("metadata").path("resourceVersion").asText();
        }
        cluster.restart();
        admin = cluster.admin();
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/configmaps/before").code()).isEqualTo(200);
        admin.post("/api/v1/namespaces/" + ns + "/configmaps", cm("after", "x"));
        try (TestClient.Watch watch = admin.watch("/api/v1/namespaces/" + ns + "/configmaps?watch=true&resourceVersion=" + last)) {
            JsonNode next = watch.next();
            assertThat(next.path("type").asText()).isEqualTo("ADDED");
            assertThat(next.path("object").path("metadata").path("name").asText()).isEqualTo("after");
        }
    }

    @Test
    void bookmarksCarryTheCurrentVersionWhenAsked() throws Exception {
        String ns = namespace("watch-bookmark");
        try (TestClient.Watch watch = admin.watch("/api/v1/namespaces/" + ns
                + "/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=0")) {
            JsonNode bookmark = watch.events().poll(15, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(bookmark).isNotNull();
            assertThat(bookmark.path("type").asText()).isEqualTo("BOOKMARK");
            assertThat(bookmark.path("object").path("metadata").path("resourceVersion").asLong()).isPositive();
        }
    }
}
