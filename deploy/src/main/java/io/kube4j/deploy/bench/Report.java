package io.kube4j.deploy.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.util.List;
import java.util.Locale;

/** The figures as a console table and as {@code bench-results.json}. */
final class Report {

    private Report() {
    }

    static String table(List<Figure> figures) {
        StringBuilder out = new StringBuilder();
        String format = "%-10s %-52s %12s  %-26s %12s %8s  %-24s %s%n";
        out.append(String.format(Locale.ROOT, format, "scenario", "figure", "value", "baseline (same run)", "baseline",
                "ratio", "target", "result"));
        for (Figure f : figures) {
            out.append(String.format(Locale.ROOT, format, f.scenario(), f.name(), number(f.value(), f.unit()),
                    f.baselineName(), Double.isNaN(f.baseline()) ? "" : number(f.baseline(), f.unit()),
                    Double.isNaN(f.ratio()) ? "" : String.format(Locale.ROOT, "%.2fx", f.ratio()), f.target(),
                    f.verdict() == Figure.Verdict.INFO ? "" : f.verdict().name()));
        }
        return out.toString();
    }

    static ObjectNode json(List<Figure> figures, List<String> problems, boolean quick, double seconds) {
        ObjectNode root = Json.object();
        root.put("quick", quick).put("seconds", round(seconds));
        Runtime runtime = Runtime.getRuntime();
        root.putObject("machine").put("processors", runtime.availableProcessors())
                .put("java", System.getProperty("java.version")).put("os", System.getProperty("os.name") + " "
                        + System.getProperty("os.version"));
        ArrayNode rows = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode row = rows.addObject().put("scenario", f.scenario()).put("figure", f.name()).put("unit", f.unit());
            putNumber(row, "value", f.value());
            if (!f.baselineName().isEmpty()) {
                row.put("baselineName", f.baselineName());
                putNumber(row, "baseline", f.baseline());
                putNumber(row, "ratio", f.ratio());
            }
            if (f.verdict() != Figure.Verdict.INFO) {
                row.put("target", f.target()).put("result", f.verdict().name());
            }
        }
        ArrayNode p = root.putArray("problems");
        problems.forEach(p::add);
        return root;
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, round(value));
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String number(double value, String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        String n = Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
        return unit.isEmpty() ? n : n + " " + unit;
    }
}
