package io.kube4j.deploy.bench;

/**
 * One measured figure of a scenario, beside the same-run baseline it is compared with.
 *
 * @param value    the figure in {@code unit}
 * @param baseline the baseline in the same unit, NaN when the figure has none
 * @param target   the target in words, empty when the figure is only reported
 * @param verdict  whether the figure meets {@code target}
 */
record Figure(String scenario, String name, double value, String unit, String baselineName, double baseline,
              String target, Verdict verdict) {

    enum Verdict { MET, MISSED, INFO }

    static Figure info(String scenario, String name, double value, String unit) {
        return new Figure(scenario, name, value, unit, "", Double.NaN, "", Verdict.INFO);
    }

    static Figure info(String scenario, String name, double value, String unit, String baselineName, double baseline) {
        return new Figure(scenario, name, value, unit, baselineName, baseline, "", Verdict.INFO);
    }

    static Figure target(String scenario, String name, double value, String unit, String baselineName, double baseline,
                         String target, boolean met) {
        return new Figure(scenario, name, value, unit, baselineName, baseline, target, met ? Verdict.MET : Verdict.MISSED);
    }

    /** value ÷ baseline; NaN without a baseline. For rates higher is better, for latencies lower is. */
    double ratio() {
        return Double.isNaN(baseline) || baseline == 0 ? Double.NaN : value / baseline;
    }
}
