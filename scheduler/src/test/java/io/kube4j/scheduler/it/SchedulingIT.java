package io.kube4j.scheduler.it;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.common.api.core.Node;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.scheduler.config.ConfigLoader;
import io.kube4j.scheduler.config.SchedulerConfig;
import io.kube4j.scheduler.testing.ClusterFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default profile against a real apiserver and etcd: nodes are API objects, pods are created
 * by an admin, and the scheduler binds them. Each test starts from no nodes and an empty namespace.
 */
@EtcdTest
class SchedulingIT {

    static final String NS = "sched";
    static ClusterFixture fixture;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        fixture = ClusterFixture.start(etcd);
        fixture.namespace(NS);
        fixture.startScheduler(SchedulerConfig.DEFAULT);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @AfterEach
    void clean() {
        fixture.cleanAndSync(NS);
    }

    @Test
    void bindsAPodToTheOnlyNodeWithEnoughCpuAndMemory() {
        fixture.createNode(node("small").allocatable("1", "2Gi", "110"));
        fixture.createNode(node("big").allocatable("4", "8Gi", "110"));
        fixture.createPod(NS, pod("web").requests("2", "1Gi"));
        assertThat(fixture.awaitBound(NS, "web")).isEqualTo("big");
        await().atMost(ClusterFixture.WAIT).until(() -> !fixture.eventsFor(NS, "web", "Scheduled").isEmpty());
        assertThat(fixture.eventsFor(NS, "web", "Scheduled").get(0).json().path("message").asText())
                .isEqualTo("Successfully assigned sched/web to big");
    }

    @Test
    void aPodTooBigForEveryNodeIsReportedUnschedulableWithKubernetesWording() {
        fixture.createNode(node("a").allocatable("1", "2Gi", "110"));
        fixture.createNode(node("b").allocatable("1", "2Gi", "110"));
        fixture.createNode(node("cordoned").allocatable("8", "8Gi", "110").unschedulable());
        fixture.createPod(NS, pod("huge").requests("2", "1Gi"));
        String message = fixture.awaitUnschedulable(NS, "huge", "Unschedulable");
        assertThat(message).isEqualTo("0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu.");
        await().atMost(ClusterFixture.WAIT).until(() -> !fixture.eventsFor(NS, "huge", "FailedScheduling").isEmpty());
        var event = fixture.eventsFor(NS, "huge", "FailedScheduling").get(0).json();
        assertThat(event.path("type").asText()).isEqualTo("Warning");
        assertThat(event.path("message").asText()).isEqualTo(message);
        assertThat(fixture.get(NS, "huge").nodeName()).isEmpty();
    }

    @Test
    void capacityOfBoundPodsIsRespected() {
        fixture.createNode(node("n").allocatable("2", "4Gi", "110"));
        for (int i = 0; i < 3; i++) {
            fixture.createPod(NS, pod("p" + i).requests("1", "1Gi"));
        }
        // two fit (2 × 1 cpu = 2), the third does not
        await().atMost(ClusterFixture.WAIT).until(() -> bound(3) == 2);
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (fixture.get(NS, "p" + i).nodeName().isEmpty()) {
                pending.add("p" + i);
            }
        }
        assertThat(pending).hasSize(1);
        assertThat(fixture.awaitUnschedulable(NS, pending.get(0), "Unschedulable"))
                .isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
    }

    @Test
    void taintsKeepPodsAwayUnlessTolerated() {
        fixture.createNode(node("db").taint("dedicated", "db", "NoSchedule"));
        fixture.createNode(node("gpu").taint("gpu", "true", "NoExecute"));
        fixture.createPod(NS, pod("plain"));
        fixture.createPod(NS, pod("db-client").toleration("dedicated", "Equal", "db", "NoSchedule"));
        fixture.createPod(NS, pod("anything").toleration("", "Exists", "", ""));
        assertThat(fixture.awaitBound(NS, "db-client")).isEqualTo("db");
        assertThat(fixture.awaitBound(NS, "anything")).isIn("db", "gpu");
        assertThat(fixture.awaitUnschedulable(NS, "plain", "Unschedulable")).isEqualTo("0/2 nodes are available:"
                + " 1 node(s) had untolerated taint {dedicated: db}, 1 node(s) had untolerated taint {gpu: true}.");
    }

    @Test
    void nodeSelectorsAndRequiredAffinityChooseTheNode() {
        fixture.createNode(node("ssd-a").label("disk", "ssd").label("zone", "a").label("cores", "8"));
        fixture.createNode(node("hdd-b").label("disk", "hdd").label("zone", "b").label("cores", "32"));
        fixture.createPod(NS, pod("selector").nodeSelector("disk", "ssd"));
        fixture.createPod(NS, pod("in").requiredExpression("zone", "In", "b", "c"));
        fixture.createPod(NS, pod("not-in").requiredExpression("disk", "NotIn", "hdd"));
        fixture.createPod(NS, pod("gt").requiredExpression("cores", "Gt", "16"));
        fixture.createPod(NS, pod("exists-and").requiredExpression("disk", "Exists").requiredExpression("zone", "In", "a"));
        fixture.createPod(NS, pod("nowhere").requiredExpression("gpu", "Exists"));
        assertThat(fixture.awaitBound(NS, "selector")).isEqualTo("ssd-a");
        assertThat(fixture.awaitBound(NS, "in")).isEqualTo("hdd-b");
        assertThat(fixture.awaitBound(NS, "not-in")).isEqualTo("ssd-a");
        assertThat(fixture.awaitBound(NS, "gt")).isEqualTo("hdd-b");
        assertThat(fixture.awaitBound(NS, "exists-and")).isEqualTo("ssd-a");
        assertThat(fixture.awaitUnschedulable(NS, "nowhere", "Unschedulable"))
                .isEqualTo("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.");
    }

    @Test
    void aHostPortIsGivenToOnePodPerNode() {
        fixture.createNode(node("n"));
        fixture.createPod(NS, pod("first").hostPort(8080));
        fixture.createPod(NS, pod("second").hostPort(8080));
        await().atMost(ClusterFixture.WAIT).until(() -> boundOf("first", "second") == 1);
        String pending = fixture.get(NS, "first").nodeName().isEmpty() ? "first" : "second";
        assertThat(fixture.awaitUnschedulable(NS, pending, "Unschedulable"))
                .isEqualTo("0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.");
    }

    @Test
    void anUnschedulablePodIsBoundSoonAfterAFittingNodeIsAdded() {
        fixture.createNode(node("small").allocatable("1", "1Gi", "110"));
        fixture.createPod(NS, pod("waits").requests("2", "1Gi"));
        fixture.awaitUnschedulable(NS, "waits", "Unschedulable");
        long added = System.nanoTime();
        fixture.createNode(node("bigger").allocatable("4", "8Gi", "110"));
        assertThat(fixture.awaitBound(NS, "waits")).isEqualTo("bigger");
        // woken by the node event, not by the 60 s periodic retry
        assertThat(Duration.ofNanos(System.nanoTime() - added)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aPodWaitingForANotReadyNodeIsBoundWhenTheNodeBecomesReady() {
        fixture.createNode(node("sick").ready("False"));
        fixture.createPod(NS, pod("patient"));
        assertThat(fixture.awaitUnschedulable(NS, "patient", "Unschedulable"))
                .isEqualTo("0/1 nodes are available: 1 node(s) were not ready.");
        Node healed = node("sick").ready("True").build();
        Node current = fixture.nodes.get("", "sick");
        healed.metadata().resourceVersion(current.metadata().resourceVersion());
        fixture.nodes.updateStatus(healed);
        assertThat(fixture.awaitBound(NS, "patient")).isEqualTo("sick");
    }

    @Test
    void podsForOtherSchedulersAreLeftAlone() {
        fixture.createNode(node("n"));
        fixture.createPod(NS, pod("elsewhere").schedulerName("my-own-scheduler"));
        fixture.createPod(NS, pod("ours"));
        fixture.awaitBound(NS, "ours");
        assertThat(fixture.get(NS, "elsewhere").nodeName()).isEmpty();
        assertThat(ClusterFixture.condition(fixture.get(NS, "elsewhere"))).isEmpty();
    }

    @Test
    void withTwoProfilesEachPodIsScheduledByItsOwn() throws Exception {
        fixture.createNode(node("labelled").label("tier", "gold").allocatable("1", "1Gi", "110"));
        fixture.createNode(node("roomy").allocatable("16", "64Gi", "110"));
        fixture.startScheduler(ConfigLoader.parse("""
                profiles:
                - schedulerName: gold-first
                  plugins: {score: {disabled: [{name: '*'}], enabled: [{name: NodeLabel}]}}
                  pluginConfig: [{name: NodeLabel, args: {presentLabelsPreference: [tier]}}]
                """));
        fixture.createPod(NS, pod("gold").schedulerName("gold-first").requests("100m", "100Mi"));
        fixture.createPod(NS, pod("default").requests("100m", "100Mi"));
        assertThat(fixture.awaitBound(NS, "gold")).isEqualTo("labelled");
        assertThat(fixture.awaitBound(NS, "default")).isEqualTo("roomy");
    }

    static int bound(int pods) {
        int n = 0;
        for (int i = 0; i < pods; i++) {
            n += fixture.get(NS, "p" + i).nodeName().isEmpty() ? 0 : 1;
        }
        return n;
    }

    static int boundOf(String... names) {
        int n = 0;
        for (String name : names) {
            n += fixture.get(NS, name).nodeName().isEmpty() ? 0 : 1;
        }
        return n;
    }
}
