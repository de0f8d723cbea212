package io.kube4j.scheduler.it;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.common.api.Json;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.scheduler.config.ConfigLoader;
import io.kube4j.scheduler.testing.ClusterFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed's three priorities, each enabled alone in its own profile, send the same pod (1 cpu,
 * 1Gi) to three different nodes:
 * <pre>
 *                 LeastAllocated               BalancedAllocation            NodeLabel (prefers "ssd")
 * roomy  8/32Gi   (87 + 96) / 2 = 91 ← best    1 − |.125 − .031| = 90        0
 * even   2/2Gi    (50 + 50) / 2 = 50           1 − |.5 − .5| = 100 ← best    0
 * ssd    2/8Gi    (50 + 87) / 2 = 68           1 − |.5 − .125| = 62          100 ← best
 * </pre>
 * Each pod is deleted before the next is created, so every placement sees empty nodes.
 */
@EtcdTest
class SeedPrioritiesIT {

    static final String NS = "seed";
    static ClusterFixture fixture;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        fixture = ClusterFixture.start(etcd);
        fixture.namespace(NS);
        fixture.createNode(node("roomy").allocatable("8", "32Gi", "110"));
        fixture.createNode(node("even").allocatable("2", "2Gi", "110"));
        fixture.createNode(node("ssd").allocatable("2", "8Gi", "110").label("ssd", "true"));
        fixture.startScheduler(ConfigLoader.parse("""
                profiles:
                - schedulerName: least-allocated
                  plugins: {score: {disabled: [{name: '*'}], enabled: [{name: NodeResourcesLeastAllocated}]}}
                - schedulerName: balanced-allocation
                  plugins: {score: {disabled: [{name: '*'}], enabled: [{name: NodeResourcesBalancedAllocation}]}}
                - schedulerName: node-label
                  plugins: {score: {disabled: [{name: '*'}], enabled: [{name: NodeLabel}]}}
                  pluginConfig: [{name: NodeLabel, args: {presentLabelsPreference: [ssd]}}]
                """));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "{0} alone → {1}")
    @CsvSource({"least-allocated, roomy", "balanced-allocation, even", "node-label, ssd"})
    void eachPriorityAloneSendsTheSamePodToADifferentNode(String profile, String expectedNode) {
        String name = "same-pod-" + profile;
        fixture.createPod(NS, pod(name).schedulerName(profile).requests("1", "1Gi"));
        assertThat(fixture.awaitBound(NS, name)).isEqualTo(expectedNode);
        fixture.pods.delete(NS, name, Json.parse("{\"gracePeriodSeconds\":0}"));
        await().atMost(ClusterFixture.WAIT).until(() -> fixture.pods.find(NS, name).isEmpty());
    }
}
