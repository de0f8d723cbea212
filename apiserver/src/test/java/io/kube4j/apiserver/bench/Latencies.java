package io.kube4j.apiserver.bench;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds and their nearest-rank percentiles, reported in milliseconds.
 * Not thread-safe: fill it from one thread after the samples are complete.
 */
final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    int count() {
        return size;
    }

    /** The summary of what was added; NaN percentiles when nothing was. */
    Summary summary() {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new Summary(size, percentile(sorted, 50), percentile(sorted, 99),
                size == 0 ? Double.NaN : millis(sorted[size - 1]));
    }

    /** Nearest rank: the smallest sample with at least {@code p}% of the samples at or below it. */
    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return millis(sorted[Math.max(0, rank - 1)]);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Percentiles in milliseconds. */
    record Summary(int count, double p50, double p99, double max) {
    }
}
