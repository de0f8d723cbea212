package io.kube4j.scheduler.framework;

import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodInfoTest {

    static final long MI = 1L << 20;

    @Test
    void requestsAreTheSumOverContainers() {
        // 250m + 500m = 750m; 64Mi + 128Mi = 192Mi
        var pod = pod("p").requests("250m", "64Mi").requests("500m", "128Mi").info();
        assertThat(pod.requests()).isEqualTo(new Resource(750, 192 * MI, 1));
    }

    @Test
    void theLargestInitContainerWinsWhenItAsksForMore() {
        // containers 1 cpu / 100Mi; init containers 2 cpu / 50Mi and 500m / 300Mi:
        // cpu max(1000, 2000, 500) = 2000; memory max(100Mi, 50Mi, 300Mi) = 300Mi
        var pod = pod("p").requests("1", "100Mi").initRequests("2", "50Mi").initRequests("500m", "300Mi").info();
        assertThat(pod.requests()).isEqualTo(new Resource(2000, 300 * MI, 1));
    }

    @Test
    void overheadIsAddedOnTop() {
        // 1 cpu + 250m overhead; 1Gi + 64Mi
        var pod = pod("p").requests("1", "1Gi").overhead("250m", "64Mi").info();
        assertThat(pod.requests()).isEqualTo(new Resource(1250, 1088 * MI, 1));
    }

    @Test
    void aContainerWithOnlyLimitsRequestsItsLimits() {
        var pod = pod("p").limits("2", "1Gi").info();
        assertThat(pod.requests()).isEqualTo(new Resource(2000, 1024 * MI, 1));
    }

    @Test
    void scoringCountsDefaultsForContainersThatRequestNothing() {
        // container 1: nothing → 100m / 200Mi; container 2: 300m, no memory → 300m / 200Mi
        var pod = pod("p").requests(null, null).requests("300m", null).info();
        assertThat(pod.requests()).isEqualTo(new Resource(300, 0, 1));
        assertThat(pod.nonZeroRequests()).isEqualTo(new Resource(400, 400 * MI, 1));
    }

    @Test
    void aMalformedQuantityIsAProblemNotAnException() {
        var pod = pod("p").requests("lots", "1Gi").info();
        assertThat(pod.problems()).singleElement().asString()
                .startsWith("spec.containers[0].resources.requests.cpu: quantity \"lots\"");
        assertThat(pod.requests().milliCpu()).isZero();
    }

    @Test
    void readsPriorityCreationPortsAndTolerations() {
        var pod = pod("ns", "p").priority(1000).created(Instant.parse("2024-05-01T10:00:00Z")).hostPort(8080)
                .toleration("k", "Exists", "", "NoSchedule").info();
        assertThat(pod.key()).isEqualTo("ns/p");
        assertThat(pod.priority()).isEqualTo(1000);
        assertThat(pod.created()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(pod.hostPorts()).containsExactly(new HostPort("0.0.0.0", "TCP", 8080));
        assertThat(pod.tolerations()).containsExactly(new Toleration("k", "Exists", "", "NoSchedule"));
        assertThat(pod.schedulerName()).isEqualTo("default-scheduler");
    }
}
