package io.kube4j.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.bench.ApiServerBench;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code writes}, {@code reads} and {@code watch}: one run of the apiserver's own benchmark
 * ({@link ApiServerBench}: its etcd started from {@code /usr/bin/etcd}, an in-process apiserver over
 * HTTPS, the raw jetcd puts as the writes' baseline), its JSON turned into figures.
 */
final class ApiServerScenarios {

    private ApiServerScenarios() {
    }

    static List<Figure> run(boolean quick, Set<String> wanted, Path etcdBinary) throws IOException {
        Path json = Files.createTempFile("kube4j-apiserver-bench-", ".json");
        try {
            List<String> args = new ArrayList<>(List.of("--etcd-binary", etcdBinary.toString(), "--out", json.toString()));
            if (quick) {
                args.addAll(List.of("--quick", "--pods", "500", "--warmup", "300", "--puts", "1000", "--lists", "5",
                        "--watchers", "50", "--watch-writes", "100"));
            } else {
                args.addAll(List.of("--pods", "10000", "--puts", "20000", "--lists", "30",
                        "--watchers", "1000", "--watch-writes", "2000"));
            }
            int exit = ApiServerBench.run(args.toArray(String[]::new));
            if (Files.size(json) == 0) {
                throw new BenchException("the apiserver bench ended with " + exit + " and wrote no results");
            }
            return figures(Json.parse(Files.readAllBytes(json)), wanted);
        } finally {
            Files.deleteIfExists(json);
        }
    }

    private static List<Figure> figures(JsonNode r, Set<String> wanted) {
        List<Figure> figures = new ArrayList<>();
        int pods = r.path("settings").path("pods").asInt();
        if (wanted.contains("writes")) {
            JsonNode puts = r.path("etcdPuts");
            JsonNode creates = r.path("podCreates");
            double rate = creates.path("perSecond").asDouble(Double.NaN);
            double baseline = puts.path("perSecond").asDouble(Double.NaN);
            figures.add(Figure.target("writes", "pod creates/s, 64 in flight", rate, "/s", "jetcd puts/s", baseline,
                    "ratio >= 0.5", rate / baseline >= 0.5));
            figures.add(Figure.info("writes", "pod create p50", creates.path("p50Ms").asDouble(Double.NaN), "ms",
                    "jetcd put p50", puts.path("p50Ms").asDouble(Double.NaN)));
            double p99 = creates.path("p99Ms").asDouble(Double.NaN);
            figures.add(Figure.target("writes", "pod create p99", p99, "ms", "jetcd put p99", puts.path("p99Ms").asDouble(Double.NaN),
                    "<= 100 ms", p99 <= 100));
            figures.add(Figure.info("writes", "creates failed", creates.path("failures").asDouble(), ""));
        }
        if (wanted.contains("reads")) {
            for (String source : new String[] {"Cache", "Etcd"}) {
                JsonNode list = r.path("listFrom" + source);
                String from = source.equals("Cache") ? "watch cache" : "etcd";
                figures.add(Figure.info("reads", String.format("list %,d pods from %s p50", pods, from),
                        list.path("p50Ms").asDouble(Double.NaN), "ms"));
                double p99 = list.path("p99Ms").asDouble(Double.NaN);
                figures.add(Figure.target("reads", String.format("list %,d pods from %s p99", pods, from), p99, "ms", "", Double.NaN,
                        "<= 200 ms (10,000 pods)", p99 <= 200));
            }
            figures.add(Figure.info("reads", "apiserver heap with the pods", r.path("heap").path("apiserverMiB").asDouble(Double.NaN), "MiB"));
        }
        if (wanted.contains("watch")) {
            JsonNode w = r.path("watch");
            String label = String.format("%,d watchers, %,d writes", w.path("watchers").asInt(), w.path("writes").asInt());
            figures.add(Figure.info("watch", "event delivery p50 (" + label + ")", w.path("p50Ms").asDouble(Double.NaN), "ms"));
            double p99 = w.path("p99Ms").asDouble(Double.NaN);
            figures.add(Figure.target("watch", "event delivery p99", p99, "ms", "", Double.NaN, "<= 100 ms", p99 <= 100));
            double lost = w.path("lost").asDouble(Double.NaN);
            figures.add(Figure.target("watch", "events lost", lost, "", "", Double.NaN, "0", lost == 0));
            figures.add(Figure.info("watch", "events received", w.path("received").asDouble(Double.NaN), ""));
        }
        return figures;
    }
}
