package io.kube4j.scheduler.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.util.Locale;

/** The benchmark's figures as a table for people and JSON for tools. */
record BenchReport(int nodes, int pods, int clients, SchedulingRun run, Parallel.Result baseline) {

    static final double TARGET_PODS_PER_SECOND = 500;

    String table() {
        StringBuilder t = new StringBuilder();
        line(t, "setup", "%,d nodes, %,d pods (100m / 500Mi each), %d client threads", nodes, pods, clients);
        line(t, "node creates", "%,.0f /s", run.nodeCreates().perSecond());
        line(t, "pod creates", "%,.0f /s (%s)", run.podCreates().perSecond(),
                run.precreate() ? "before the scheduler started" : "while scheduling");
        Percentiles tp = run.throughput();
        line(t, "scheduling throughput", "avg %,.0f  p50 %,.0f  p90 %,.0f  p99 %,.0f pods/s over %d samples (target avg >= %.0f: %s)",
                tp.average(), tp.p50(), tp.p90(), tp.p99(), tp.count(), TARGET_PODS_PER_SECOND,
                tp.average() >= TARGET_PODS_PER_SECOND ? "met" : "NOT met");
        line(t, "overall", "%,.0f pods/s (%s → last pod bound)", run.overall(),
                run.precreate() ? "scheduler started" : "first create sent");
        Percentiles lat = run.latencyMillis();
        line(t, run.precreate() ? "time to bind" : "e2e latency", "p50 %,.0f ms  p90 %,.0f ms  p99 %,.0f ms  max %,.0f ms (%s → seen bound)",
                lat.p50(), lat.p90(), lat.p99(), lat.max(), run.precreate() ? "scheduler started" : "create sent");
        line(t, "scheduler attempts", "%,d scheduled, %,d unschedulable, %,d errors", run.scheduled(), run.unschedulable(),
                run.errors());
        line(t, "baseline bindings", "%,.0f /s (%,d pods/binding POSTs, %d clients, no scheduler)", baseline.perSecond(),
                baseline.count(), clients);
        return t.toString();
    }

    ObjectNode json() {
        ObjectNode json = Json.object();
        json.put("nodes", nodes).put("pods", pods).put("clients", clients).put("precreate", run.precreate());
        json.put("nodeCreatesPerSecond", run.nodeCreates().perSecond());
        json.put("podCreatesPerSecond", run.podCreates().perSecond());
        json.set("throughputPodsPerSecond", Json.MAPPER.valueToTree(run.throughput()));
        json.put("overallPodsPerSecond", run.overall());
        json.set("e2eLatencyMillis", Json.MAPPER.valueToTree(run.latencyMillis()));
        json.put("scheduled", run.scheduled()).put("unschedulable", run.unschedulable()).put("errors", run.errors());
        json.put("baselineBindingsPerSecond", baseline.perSecond());
        return json;
    }

    private static void line(StringBuilder t, String label, String format, Object... args) {
        t.append(String.format(Locale.ROOT, "%-22s ", label)).append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
