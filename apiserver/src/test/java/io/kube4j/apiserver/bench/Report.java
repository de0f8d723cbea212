package io.kube4j.apiserver.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run: the table with targets, the JSON document, and what went wrong outright. */
final class Report {

    static final double MIN_RATIO = 0.5;
    static final double MAX_LIST_P99_MS = 200;
    static final double MAX_WATCH_P99_MS = 100;
    static final double MAX_HEAP_MIB = 256;

    private final BenchSettings settings;
    private final LoadRunner.Result puts;
    private final LoadRunner.Result creates;
    private final LoadRunner.Result cacheLists;
    private final LoadRunner.Result etcdLists;
    private final long baselineHeap;
    private final long heapWithPods;
    private final WatchFanOutPhase.Result watch;

    Report(BenchSettings settings, LoadRunner.Result puts, LoadRunner.Result creates, LoadRunner.Result cacheLists,
           LoadRunner.Result etcdLists, long baselineHeap, long heapWithPods, WatchFanOutPhase.Result watch) {
        this.settings = settings;
        this.puts = puts;
        this.creates = creates;
        this.cacheLists = cacheLists;
        this.etcdLists = etcdLists;
        this.baselineHeap = baselineHeap;
        this.heapWithPods = heapWithPods;
        this.watch = watch;
    }

    enum Verdict { PASS, MISS, INFO }

    record Row(String figure, String value, String target, Verdict verdict) {
    }

    double ratio() {
        return puts.perSecond() == 0 ? 0 : creates.perSecond() / puts.perSecond();
    }

    double apiserverHeapMiB() {
        return (heapWithPods - baselineHeap) / (1024.0 * 1024.0);
    }

    List<Row> rows() {
        Latencies.Summary create = creates.latencies().summary();
        Latencies.Summary cache = cacheLists.latencies().summary();
        Latencies.Summary etcd = etcdLists.latencies().summary();
        Latencies.Summary delivery = watch.latency();
        String writers = " (" + settings.writers() + " in flight)";
        String pods = String.format(Locale.ROOT, "%,d pods", settings.pods());
        List<Row> rows = new ArrayList<>();
        rows.add(info("raw etcd puts/s" + writers, perSecond(puts)));
        rows.add(info("pod creates/s over HTTPS" + writers, perSecond(creates)));
        rows.add(info("  pod create latency p50 / p99", ms(create.p50()) + " / " + ms(create.p99())));
        rows.add(new Row("pod creates / etcd puts", String.format(Locale.ROOT, "%.2f", ratio()), ">= " + MIN_RATIO,
                verdict(creates.failures() == 0 && ratio() >= MIN_RATIO)));
        rows.add(listRow("list " + pods + ", watch cache p50 / p99", cacheLists, cache));
        rows.add(listRow("list " + pods + ", etcd p50 / p99", etcdLists, etcd));
        rows.add(new Row(String.format(Locale.ROOT, "watch delivery p50 / p99 (%d watchers, %s writes/s)", watch.watchers(),
                        settings.watchRate() > 0 ? String.format(Locale.ROOT, "%.0f", settings.watchRate()) : "unpaced"),
                ms(delivery.p50()) + " / " + ms(delivery.p99()), "p99 <= " + (int) MAX_WATCH_P99_MS + " ms",
                verdict(delivery.p99() <= MAX_WATCH_P99_MS)));
        rows.add(info("  from sending the create p50 / p99", ms(watch.fromRequest().p50()) + " / " + ms(watch.fromRequest().p99())));
        rows.add(new Row("watch events lost", String.format(Locale.ROOT, "%,d of %,d", watch.lost(), watch.expected()), "0",
                verdict(watch.lost() == 0 && watch.expected() > 0 && watch.problem().isEmpty())));
        rows.add(new Row("apiserver heap after GC at " + pods, String.format(Locale.ROOT, "%.1f MiB", apiserverHeapMiB()),
                "<= " + (int) MAX_HEAP_MIB + " MiB", verdict(apiserverHeapMiB() <= MAX_HEAP_MIB)));
        return rows;
    }

    /** Failures that make the figures untrustworthy (as opposed to targets missed). */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (LoadRunner.Result r : List.of(puts, creates, cacheLists, etcdLists, watch.writes())) {
            if (r.failures() > 0) {
                problems.add(r.name() + ": " + r.failures() + " of " + r.count() + " failed, first: " + r.firstFailure());
            }
        }
        if (!watch.problem().isEmpty()) {
            problems.add("watch fan-out: " + watch.problem());
        }
        if (watch.lost() != 0) {
            problems.add("watch fan-out: " + watch.lost() + " events lost");
        }
        return problems;
    }

    String table() {
        List<Row> rows = rows();
        int[] width = {"figure".length(), "value".length(), "target".length()};
        for (Row r : rows) {
            width[0] = Math.max(width[0], r.figure().length());
            width[1] = Math.max(width[1], r.value().length());
            width[2] = Math.max(width[2], r.target().length());
        }
        String format = "%-" + width[0] + "s  %" + width[1] + "s  %-" + width[2] + "s  %s%n";
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, format, "figure", "value", "target", "result"));
        table.append("-".repeat(width[0] + width[1] + width[2] + 12)).append('\n');
        for (Row r : rows) {
            table.append(String.format(Locale.ROOT, format, r.figure(), r.value(), r.target(),
                    r.verdict() == Verdict.INFO ? "" : r.verdict().name()));
        }
        return table.toString();
    }

    ObjectNode json() {
        ObjectNode root = Json.object();
        ObjectNode s = root.putObject("settings");
        s.put("quick", settings.quick()).put("pods", settings.pods()).put("puts", settings.puts()).put("warmup", settings.warmup())
                .put("writers", settings.writers()).put("lists", settings.lists()).put("watchers", settings.watchers())
                .put("watchWrites", settings.watchWrites()).put("watchRatePerSecond", settings.watchRate());
        Runtime runtime = Runtime.getRuntime();
        root.putObject("jvm").put("version", System.getProperty("java.version"))
                .put("processors", runtime.availableProcessors()).put("maxHeapMiB", runtime.maxMemory() >> 20);
        throughput(root.putObject("etcdPuts"), puts);
        throughput(root.putObject("podCreates"), creates);
        number(root, "ratio", ratio());
        list(root.putObject("listFromCache"), cacheLists);
        list(root.putObject("listFromEtcd"), etcdLists);
        ObjectNode w = root.putObject("watch");
        w.put("watchers", watch.watchers()).put("connections", watch.connections())
                .put("writes", watch.writes().count()).put("writeFailures", watch.writes().failures());
        number(w, "writesPerSecond", watch.writes().perSecond());
        w.put("expected", watch.expected()).put("received", watch.received()).put("lost", watch.lost())
                .put("duplicates", watch.duplicates()).put("readBeforeAck", watch.beforeAck());
        latency(w, watch.latency());
        latency(w.putObject("fromRequest"), watch.fromRequest());
        w.put("problem", watch.problem());
        ObjectNode heap = root.putObject("heap");
        heap.put("pods", settings.pods());
        number(heap, "baselineMiB", baselineHeap / (1024.0 * 1024.0));
        number(heap, "withPodsMiB", heapWithPods / (1024.0 * 1024.0));
        number(heap, "apiserverMiB", apiserverHeapMiB());
        heap.put("note", "heap used after System.gc() with the apiserver holding the pods, minus the same"
                + " measure taken in this JVM before the apiserver started");
        ArrayNode targets = root.putArray("targets");
        for (Row r : rows()) {
            if (r.verdict() != Verdict.INFO) {
                targets.addObject().put("figure", r.figure()).put("value", r.value()).put("target", r.target())
                        .put("result", r.verdict().name());
            }
        }
        ArrayNode problems = root.putArray("problems");
        problems().forEach(problems::add);
        return root;
    }

    private static void throughput(ObjectNode node, LoadRunner.Result r) {
        node.put("count", r.count()).put("failures", r.failures());
        number(node, "perSecond", r.perSecond());
        latency(node, r.latencies().summary());
    }

    private static void list(ObjectNode node, LoadRunner.Result r) {
        node.put("lists", r.count()).put("failures", r.failures());
        latency(node, r.latencies().summary());
        if (r.failures() > 0) {
            node.put("firstFailure", r.firstFailure());
        }
    }

    private static void latency(ObjectNode node, Latencies.Summary summary) {
        number(node, "p50Ms", summary.p50());
        number(node, "p99Ms", summary.p99());
        number(node, "maxMs", summary.max());
    }

    /** Rounded to 0.01; NaN (nothing measured) as null. */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, Math.round(value * 100) / 100.0);
        }
    }

    private Row listRow(String figure, LoadRunner.Result r, Latencies.Summary summary) {
        String value = r.failures() > 0 ? r.failures() + "/" + r.count() + " failed" : ms(summary.p50()) + " / " + ms(summary.p99());
        return new Row(figure, value, "p99 <= " + (int) MAX_LIST_P99_MS + " ms",
                verdict(r.failures() == 0 && summary.p99() <= MAX_LIST_P99_MS));
    }

    private static Row info(String figure, String value) {
        return new Row(figure, value, "", Verdict.INFO);
    }

    private static Verdict verdict(boolean pass) {
        return pass ? Verdict.PASS : Verdict.MISS;
    }

    private static String perSecond(LoadRunner.Result r) {
        String value = String.format(Locale.ROOT, "%,.0f", r.perSecond());
        return r.failures() > 0 ? value + " (" + r.failures() + " failed)" : value;
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
