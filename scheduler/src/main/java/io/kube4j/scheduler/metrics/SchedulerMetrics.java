package io.kube4j.scheduler.metrics;

import io.kube4j.scheduler.queue.QueueLengths;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The scheduler's Prometheus metrics, named as Kubernetes names them: scheduling attempts by
 * result, end-to-end scheduling latency (first queued → bound), the algorithm's and the binding's
 * latency, and the pending pods per sub-queue. Thread-safe.
 */
public final class SchedulerMetrics {

    public static final String SCHEDULED = "scheduled";
    public static final String UNSCHEDULABLE = "unschedulable";
    public static final String ERROR = "error";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter attempts = Counter.builder().name("scheduler_schedule_attempts_total")
            .help("Scheduling attempts by result (scheduled, unschedulable, error) and profile")
            .labelNames("result", "profile").register(registry);
    private final Histogram e2e = Histogram.builder().name("scheduler_e2e_scheduling_duration_seconds")
            .help("From a pod's first entry into the scheduling queue until it was bound, by profile")
            .classicOnly().classicExponentialUpperBounds(0.001, 2, 18).labelNames("profile").register(registry);
    private final Histogram algorithm = Histogram.builder().name("scheduler_scheduling_algorithm_duration_seconds")
            .help("Filtering and scoring latency of one scheduling cycle")
            .classicOnly().classicExponentialUpperBounds(0.0001, 2, 16).register(registry);
    private final Histogram binding = Histogram.builder().name("scheduler_binding_duration_seconds")
            .help("Latency of binding a pod through the API")
            .classicOnly().classicExponentialUpperBounds(0.001, 2, 15).register(registry);

    /** @param queue read at scrape time for {@code scheduler_pending_pods} */
    public SchedulerMetrics(Supplier<QueueLengths> queue) {
        GaugeWithCallback.builder().name("scheduler_pending_pods")
                .help("Pending pods by queue: active, backoff, unschedulable, and in flight (being scheduled or bound)")
                .labelNames("queue")
                .callback(cb -> {
                    QueueLengths lengths = queue.get();
                    cb.call(lengths.active(), "active");
                    cb.call(lengths.backoff(), "backoff");
                    cb.call(lengths.unschedulable(), "unschedulable");
                    cb.call(lengths.inFlight(), "inflight");
                })
                .register(registry);
    }

    /** A pod was bound, {@code endToEnd} after it first entered the queue. */
    public void scheduled(String profile, Duration endToEnd) {
        attempts.labelValues(SCHEDULED, profile).inc();
        e2e.labelValues(profile).observe(endToEnd.toNanos() / 1e9);
    }

    public void unschedulable(String profile) {
        attempts.labelValues(UNSCHEDULABLE, profile).inc();
    }

    public void error(String profile) {
        attempts.labelValues(ERROR, profile).inc();
    }

    public void algorithmDuration(long nanos) {
        algorithm.observe(nanos / 1e9);
    }

    public void bindingDuration(long nanos) {
        binding.observe(nanos / 1e9);
    }

    /** The number of attempts with {@code result} for {@code profile} so far. */
    public long attempts(String result, String profile) {
        return (long) attempts.labelValues(result, profile).get();
    }

    /** The Prometheus text exposition of every metric. */
    public byte[] scrape() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
