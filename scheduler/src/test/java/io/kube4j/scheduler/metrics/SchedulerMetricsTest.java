package io.kube4j.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.queue.QueueLengths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulerMetricsTest {

    @Test
    void exposesAttemptsLatencyAndQueueDepthsInPrometheusText() {
        SchedulerMetrics metrics = new SchedulerMetrics(() -> new QueueLengths(3, 2, 1, 4));
        metrics.scheduled("default-scheduler", Duration.ofMillis(20));
        metrics.unschedulable("default-scheduler");
        metrics.unschedulable("default-scheduler");
        String text = new String(metrics.scrape(), StandardCharsets.UTF_8);
        assertThat(text)
                .contains("scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"scheduled\"} 1")
                .contains("scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"unschedulable\"} 2")
                .contains("scheduler_e2e_scheduling_duration_seconds_count{profile=\"default-scheduler\"} 1")
                .contains("scheduler_pending_pods{queue=\"active\"} 3")
                .contains("scheduler_pending_pods{queue=\"backoff\"} 2")
                .contains("scheduler_pending_pods{queue=\"unschedulable\"} 1");
        assertThat(metrics.attempts(SchedulerMetrics.UNSCHEDULABLE, "default-scheduler")).isEqualTo(2);
    }
}
