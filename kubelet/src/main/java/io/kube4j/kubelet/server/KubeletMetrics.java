package io.kube4j.kubelet.server;

import io.kube4j.kubelet.pod.PodMetrics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The kubelet's Prometheus metrics, named as Kubernetes names them: pod start latency, running
 * pods, and probe outcomes by probe type and result.
 */
public final class KubeletMetrics implements PodMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram podStart = Histogram.builder().name("kubelet_pod_start_duration_seconds")
            .help("From a pod's creation until the kubelet saw it running")
            .classicOnly().classicExponentialUpperBounds(0.05, 2, 14).register(registry);

    /**
     * @param runningPods  read at scrape time
     * @param probeResults read at scrape time: {@code <type>:<success|failure>} → count
     */
    public KubeletMetrics(LongSupplier runningPods, Supplier<Map<String, Long>> probeResults) {
        GaugeWithCallback.builder().name("kubelet_running_pods").help("Pods in phase Running on this kubelet")
                .callback(cb -> cb.call(runningPods.getAsLong())).register(registry);
        CounterWithCallback.builder().name("prober_probe_total").help("Probe outcomes by probe type and result")
                .labelNames("probe_type", "result")
                .callback(cb -> probeResults.get().forEach((k, v) -> {
                    String[] parts = k.split(":", 2);
                    cb.call(v, parts[0], parts[1]);
                }))
                .register(registry);
    }

    @Override
    public void podStarted(Duration sinceCreation) {
        podStart.observe(sinceCreation.toNanos() / 1e9);
    }

    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
