package io.kube4j.kubelet.pod;

import java.time.Duration;

/**
 * The crash-loop back-off: the delay before restart n (1, 2, …) is {@code initial · 2^(n-1)},
 * capped at {@code max} — 10 s, 20 s, 40 s … 5 min in Kubernetes.
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    Duration delay(int restart) {
        int shift = Math.min(Math.max(restart - 1, 0), 30);
        Duration d = initial.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 || d.isNegative() ? max : d;
    }
}
