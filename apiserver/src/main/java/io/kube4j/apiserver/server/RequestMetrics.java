package io.kube4j.apiserver.server;

import io.kube4j.apiserver.rest.RequestInfo;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The apiserver's Prometheus metrics: requests by verb/resource/code, latencies, etcd calls, watchers. */
public final class RequestMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("apiserver_request_total")
            .help("Requests by verb, resource and HTTP code").labelNames("verb", "resource", "code").register(registry);
    private final Histogram latency = Histogram.builder().name("apiserver_request_duration_seconds")
            .help("Request latency by verb and resource (watches: their whole duration)").classicOnly()
            .labelNames("verb", "resource").register(registry);
    private final Histogram etcd = Histogram.builder().name("etcd_request_duration_seconds")
            .help("etcd request latency by operation").classicOnly().labelNames("operation").register(registry);

    /** @param watchers resource → current number of HTTP watchers, read at scrape time */
    public RequestMetrics(Supplier<Map<String, Integer>> watchers) {
        GaugeWithCallback.builder().name("apiserver_registered_watchers").help("Watchers by resource")
                .labelNames("resource")
                .callback(cb -> watchers.get().forEach((resource, count) -> cb.call(count, resource)))
                .register(registry);
    }

    public void observe(String method, String path, int code, long nanos) {
        String resource = resourceOf(path);
        String verb = method.toLowerCase();
        requests.labelValues(verb, resource, Integer.toString(code)).inc();
        latency.labelValues(verb, resource).observe(nanos / 1e9);
    }

    public void observeEtcd(String operation, long nanos) {
        etcd.labelValues(operation).observe(nanos / 1e9);
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

    private static String resourceOf(String path) {
        List<String> parts = RequestInfo.segments(path);
        if (parts.isEmpty() || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
            return parts.isEmpty() ? "" : parts.get(0);
        }
        RequestInfo info = RequestInfo.parse(parts.get(0).equals("api"), parts.subList(1, parts.size()));
        if (info == null) {
            return "discovery";
        }
        return info.hasSubresource() ? info.resource() + "/" + info.subresource() : info.resource();
    }
}
