package io.kube4j.deploy.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of a sample (nearest rank), NaN when the sample is empty. */
record Stats(int count, double p50, double p90, double p99, double max, double mean) {

    static Stats of(Collection<? extends Number> sample) {
        double[] values = sample.stream().mapToDouble(Number::doubleValue).toArray();
        return of(values);
    }

    static Stats of(double[] values) {
        if (values.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(Double.NaN));
    }

    private static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
