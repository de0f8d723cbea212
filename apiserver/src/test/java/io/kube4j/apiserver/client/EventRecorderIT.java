package io.kube4j.apiserver.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Event;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.events.EventRecorder;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events land as core/v1 Events about the object, and repeats bump count instead of piling up. */
@EtcdTest
class EventRecorderIT {

    static TestCluster cluster;
    static ApiClient api;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
        api = ApiClient.create(cluster.clientConfig("admin"));
    }

    @AfterAll
    static void stop() {
        api.close();
        cluster.close();
    }

    @Test
    void repeatsOfAnEventAreAggregatedIntoOneWithACount() {
        ConfigMap subject = new ResourceClient<>(api, ConfigMap.KIND).create(ConfigMap.named("default", "subject"));
        ResourceClient<Event> events = new ResourceClient<>(api, Event.KIND);
        try (EventRecorder recorder = new EventRecorder(events, "test-component", "host-1", Clock.systemUTC())) {
            recorder.event(subject, EventRecorder.NORMAL, "Poked", "poked once");
            recorder.event(subject, EventRecorder.NORMAL, "Poked", "poked once");
            recorder.event(subject, EventRecorder.NORMAL, "Poked", "poked once");
            recorder.event(subject, EventRecorder.WARNING, "Broke", "something else");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Event> found = events.list("default", ListRequest.fields("involvedObject.name=subject")).items();
            assertThat(found).hasSize(2);
            Event poked = found.stream().filter(e -> e.json().path("reason").asText().equals("Poked")).findFirst().orElseThrow();
            assertThat(poked.json().path("count").asInt()).isEqualTo(3);
            assertThat(poked.json().path("involvedObject").path("uid").asText()).isEqualTo(subject.metadata().uid());
            assertThat(poked.json().path("source").path("component").asText()).isEqualTo("test-component");
            assertThat(poked.json().path("type").asText()).isEqualTo("Normal");
        });
    }
}
