package io.kube4j.controllermanager.util;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Per-controller queue depth, sync count and latency, and errors, rendered in the Prometheus
 * text format. Thread-safe.
 */
public final class ControllerMetrics {

    private record Series(IntSupplier depth, LongAdder syncs, LongAdder nanos, LongAdder errors) {
    }

    private final Map<String, Series> series = new ConcurrentHashMap<>();

    public void register(String controller, IntSupplier depth) {
        series.put(controller, new Series(depth, new LongAdder(), new LongAdder(), new LongAdder()));
    }

    public void synced(String controller, long nanos) {
        Series s = series.get(controller);
        if (s != null) {
            s.syncs().increment();
            s.nanos().add(nanos);
        }
    }

    public void error(String controller) {
        Series s = series.get(controller);
        if (s != null) {
            s.errors().increment();
        }
    }

    public long errors(String controller) {
        Series s = series.get(controller);
        return s == null ? 0 : s.errors().sum();
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP workqueue_depth Keys waiting in the controller's queue.\n# TYPE workqueue_depth gauge\n");
        series.forEach((name, s) -> out.append("workqueue_depth{name=\"").append(name).append("\"} ")
                .append(s.depth().getAsInt()).append('\n'));
        out.append("# HELP controller_sync_total Syncs done.\n# TYPE controller_sync_total counter\n");
        series.forEach((name, s) -> out.append("controller_sync_total{controller=\"").append(name).append("\"} ")
                .append(s.syncs().sum()).append('\n'));
        out.append("# HELP controller_sync_duration_seconds_sum Time spent syncing.\n")
                .append("# TYPE controller_sync_duration_seconds_sum counter\n");
        series.forEach((name, s) -> out.append("controller_sync_duration_seconds_sum{controller=\"").append(name).append("\"} ")
                .append(s.nanos().sum() / 1e9).append('\n'));
        out.append("# HELP controller_sync_errors_total Syncs that failed and were retried.\n")
                .append("# TYPE controller_sync_errors_total counter\n");
        series.forEach((name, s) -> out.append("controller_sync_errors_total{controller=\"").append(name).append("\"} ")
                .append(s.errors().sum()).append('\n'));
        return out.toString();
    }
}
