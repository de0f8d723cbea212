package io.kube4j.proxy.server;

import io.kube4j.proxy.userspace.ServiceStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * kube-proxy's Prometheus metrics: rule sync latency (Kubernetes' name), the time of the last sync,
 * and, in userspace mode, open connections and bytes relayed per Service port. Thread-safe.
 */
public final class ProxyMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram syncLatency = Histogram.builder().name("kubeproxy_sync_proxy_rules_duration_seconds")
            .help("How long one sync of the proxy rules (listeners, backends or rule tables) took")
            .classicOnly().classicExponentialUpperBounds(0.0001, 2, 18).register(registry);
    private final Gauge lastSync = Gauge.builder().name("kubeproxy_sync_proxy_rules_last_timestamp_seconds")
            .help("When the proxy rules were last synced (Unix seconds)").register(registry);

    /** @param stats read at scrape time: per Service port, its live counters */
    public ProxyMetrics(Supplier<Map<String, ServiceStats>> stats) {
        GaugeWithCallback.builder().name("kubeproxy_userspace_active_connections")
                .help("Connections open through the userspace proxy, by service port")
                .labelNames("service")
                .callback(cb -> stats.get().forEach((name, s) -> cb.call(s.activeConnections(), name)))
                .register(registry);
        CounterWithCallback.builder().name("kubeproxy_userspace_bytes_relayed_total")
                .help("Bytes relayed by the userspace proxy in both directions, by service port")
                .labelNames("service")
                .callback(cb -> stats.get().forEach((name, s) -> cb.call(s.bytesRelayed(), name)))
                .register(registry);
    }

    public void synced(long nanos, long epochMillis) {
        syncLatency.observe(nanos / 1e9);
        lastSync.set(epochMillis / 1000.0);
    }

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
