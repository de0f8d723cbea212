package io.kube4j.scheduler.core;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.cache.SchedulerCache;
import io.kube4j.scheduler.config.ProfileConfig;
import io.kube4j.scheduler.framework.BindPlugin;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Profile;
import io.kube4j.scheduler.framework.Status;
import io.kube4j.scheduler.metrics.SchedulerMetrics;
import io.kube4j.scheduler.plugins.Registry;
import io.kube4j.scheduler.queue.QueueLengths;
import io.kube4j.scheduler.queue.SchedulingQueue;
import io.kube4j.scheduler.testing.TestClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scheduling cycle with a fake binder, bindings run inline so outcomes can be asserted at once. */
class SchedulerTest {

    final TestClock clock = new TestClock();
    final SchedulingQueue queue = SchedulingQueue.create(clock);
    final SchedulerCache cache = SchedulerCache.create();
    final SchedulerMetrics metrics = new SchedulerMetrics(queue::lengths);
    final List<String> reports = Collections.synchronizedList(new ArrayList<>());
    Status bindResult = Status.SUCCESS;
    final List<String> bound = new ArrayList<>();

    final BindPlugin binder = new BindPlugin() {
        @Override
        public Status bind(PodInfo pod, String nodeName) {
            bound.add(pod.name() + "->" + nodeName);
            return bindResult;
        }

        @Override
        public String name() {
            return "FakeBinder";
        }
    };

    final SchedulingReporter reporter = new SchedulingReporter() {
        @Override
        public void scheduled(PodInfo pod, String nodeName) {
            reports.add("Scheduled " + pod.name() + " " + nodeName);
        }

        @Override
        public void unschedulable(PodInfo pod, String message) {
            reports.add("Unschedulable " + pod.name() + " " + message);
        }

        @Override
        public void failed(PodInfo pod, String message) {
            reports.add("Failed " + pod.name() + " " + message);
        }
    };

    final Profile profile = Registry.profile(ProfileConfig.defaults("default-scheduler"), 0, binder);
    final Scheduler scheduler = new Scheduler(queue, cache, Map.of("default-scheduler", profile),
            new SchedulingAlgorithm(new Random(1)), new Inline(), reporter, metrics, clock);

    void cycle() throws InterruptedException {
        scheduler.scheduleOne(queue.pop().orElseThrow());
    }

    @Test
    void aFittingPodIsAssumedBoundAndReported() throws Exception {
        cache.addNode(node("n1").build());
        queue.add(pod("p").requests("1", "1Gi").info());
        cycle();
        assertThat(bound).containsExactly("p->n1");
        assertThat(cache.isAssumed("default/p")).isTrue(); // until the informer confirms
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 0, 0, 0));
        assertThat(reports).containsExactly("Scheduled p n1");
        assertThat(metrics.attempts(SchedulerMetrics.SCHEDULED, "default-scheduler")).isEqualTo(1);
    }

    @Test
    void aPodThatFitsNowhereIsParkedAndReported() throws Exception {
        cache.addNode(node("n1").allocatable("1", "1Gi", "110").build());
        queue.add(pod("p").requests("2", "1Gi").info());
        cycle();
        assertThat(bound).isEmpty();
        assertThat(queue.lengths().unschedulable()).isEqualTo(1);
        assertThat(reports).containsExactly("Unschedulable p 0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(metrics.attempts(SchedulerMetrics.UNSCHEDULABLE, "default-scheduler")).isEqualTo(1);
    }

    @Test
    void aFailedBindingForgetsTheAssumptionAndBacksOff() throws Exception {
        cache.addNode(node("n1").build());
        bindResult = Status.error("etcd is slow");
        queue.add(pod("p").requests("1", "1Gi").info());
        cycle();
        assertThat(cache.hasPod("default/p")).isFalse();
        assertThat(cache.node("n1").orElseThrow().requested().milliCpu()).isZero();
        assertThat(queue.lengths().backoff()).isEqualTo(1);
        assertThat(reports).containsExactly("Failed p Binding rejected: etcd is slow");
    }

    @Test
    void aPodAlreadyBoundElsewhereIsDroppedQuietly() throws Exception {
        cache.addNode(node("n1").build());
        bindResult = Status.unresolvable("pod p is already assigned to node \"n9\"");
        queue.add(pod("p").info());
        cycle();
        assertThat(cache.hasPod("default/p")).isFalse();
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 0, 0, 0));
        assertThat(reports).isEmpty();
    }

    @Test
    void twoPodsNeverShareTheLastSlotBecauseTheFirstIsAssumedBeforeTheSecondIsTried() throws Exception {
        cache.addNode(node("n1").allocatable("1", "1Gi", "110").build());
        queue.add(pod("a").requests("1", null).info());
        queue.add(pod("b").requests("1", null).info());
        cycle();
        cycle();
        assertThat(bound).containsExactly("a->n1");
        assertThat(queue.lengths().unschedulable()).isEqualTo(1);
    }

    @Test
    void podsOfOtherSchedulersAreLeftAlone() throws Exception {
        cache.addNode(node("n1").build());
        queue.add(pod("p").schedulerName("someone-else").info());
        cycle();
        assertThat(bound).isEmpty();
        assertThat(queue.lengths()).isEqualTo(new QueueLengths(0, 0, 0, 0));
    }

    /** Runs bindings on the calling thread. */
    static final class Inline extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
