package io.kube4j.controllermanager.it;

import static io.kube4j.controllermanager.testing.ControllerCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.Kubectl;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.controllermanager.testing.ControllerCluster;
import io.kube4j.controllermanager.testing.Objects;
import io.kube4j.controllermanager.util.Conditions;
import io.kube4j.controllermanager.util.Kinds;
import io.kube4j.controllermanager.util.Unstructured;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** batch/v1 Jobs run to Complete or Failed as the test plays the kubelet. */
@EtcdTest
class JobIT {

    static ControllerCluster cluster;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = ControllerCluster.start(etcd);
        cluster.startManager("job");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static List<Pod> running(String ns, String app) {
        return cluster.livePods(ns, "app=" + app).stream()
                .filter(p -> !p.phase().equals("Succeeded") && !p.phase().equals("Failed")).toList();
    }

    @Test
    void completesAfterThreeSuccessesRunningAtMostTwoPodsAtATime() {
        String ns = cluster.namespace("job-complete");
        cluster.client(Kinds.JOB).create(Objects.job(ns, "batch", 3, 2));
        AtomicInteger mostRunning = new AtomicInteger();
        eventually().until(() -> {
            List<Pod> running = running(ns, "batch");
            mostRunning.accumulateAndGet(running.size(), Math::max);
            running.forEach(p -> cluster.setStatus(p, "Succeeded", false));
            return Conditions.isTrue(cluster.client(Kinds.JOB).get(ns, "batch").status(), "Complete");
        });
        ObjectNode status = cluster.client(Kinds.JOB).get(ns, "batch").status();
        assertThat(status.path("succeeded").asInt()).isEqualTo(3);
        assertThat(status.has("startTime")).isTrue();
        assertThat(status.has("completionTime")).isTrue();
        assertThat(mostRunning.get()).isBetween(1, 2);
    }

    @Test
    void failsOnceMorePodsFailThanTheBackoffLimit() {
        String ns = cluster.namespace("job-fail");
        Unstructured job = Objects.job(ns, "flaky", 1, 1);
        job.spec().put("backoffLimit", 1);
        cluster.client(Kinds.JOB).create(job);
        eventually().until(() -> {
            running(ns, "flaky").forEach(p -> cluster.setStatus(p, "Failed", false));
            return Conditions.find(cluster.client(Kinds.JOB).get(ns, "flaky").status(), "Failed")
                    .map(c -> c.path("reason").asText().equals("BackoffLimitExceeded")).orElse(false);
        });
        assertThat(cluster.client(Kinds.JOB).get(ns, "flaky").status().path("failed").asInt()).isEqualTo(2);
    }

    @Test
    void kubectlCreateJobThenWaitForConditionCompleteReturnsOnceItsPodSucceeded() throws Exception {
        String ns = cluster.namespace("job-kubectl");
        try (Kubectl kubectl = Kubectl.against(cluster.cluster())) {
            Kubectl.Result created = kubectl.ok("-n", ns, "create", "job", "once", "--image=busybox:1", "--", "sh", "-c", "exit 0");
            assertThat(created.stdout()).as("%s", created).contains("job.batch/once created");
            try (Kubectl.Background wait = kubectl.start("-n", ns, "wait", "--for=condition=complete", "job/once",
                    "--timeout=50s")) {
                eventually().until(() -> {
                    cluster.livePods(ns, "").stream().filter(p -> p.phase().equals("Pending") || p.phase().equals("Running"))
                            .forEach(p -> cluster.setStatus(p, "Succeeded", false));
                    return !wait.isAlive();
                });
                Kubectl.Result waited = wait.output();
                assertThat(waited.exitCode()).as("%s", waited).isZero();
                assertThat(waited.stdout()).as("%s", waited).contains("job.batch/once condition met");
            }
            assertThat(cluster.client(Kinds.JOB).get(ns, "once").status().path("succeeded").asInt()).isEqualTo(1);
        }
    }

    @Test
    void deletesAFinishedJobAfterItsTtl() {
        String ns = cluster.namespace("job-ttl");
        Unstructured job = Objects.job(ns, "short", 1, 1);
        job.spec().put("ttlSecondsAfterFinished", 1);
        cluster.client(Kinds.JOB).create(job);
        eventually().until(() -> {
            running(ns, "short").forEach(p -> cluster.setStatus(p, "Succeeded", false));
            return cluster.client(Kinds.JOB).find(ns, "short").isEmpty();
        });
    }
}
