package io.kube4j.scheduler.bench;

import java.util.Arrays;

/**
 * Summary statistics of a set of samples: mean and nearest-rank percentiles, as scheduler_perf
 * reports them (its p99 of throughput samples is a high rate, not a low one).
 */
record Percentiles(int count, double average, double p50, double p90, double p99, double max) {

    static Percentiles of(double[] samples) {
        if (samples.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double s : sorted) {
            sum += s;
        }
        return new Percentiles(sorted.length, sum / sorted.length, rank(sorted, 0.50), rank(sorted, 0.90),
                rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile: the smallest sample with at least {@code q} of the samples at or below it. */
    private static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
