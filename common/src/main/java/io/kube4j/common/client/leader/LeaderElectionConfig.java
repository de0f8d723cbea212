package io.kube4j.common.client.leader;

import java.time.Duration;

/**
 * Where and how to elect: the Lease {@code namespace/name}, this candidate's identity, and the
 * timing (Kubernetes' defaults: lease 15 s, renew deadline 10 s, retry every 2 s).
 */
public record LeaderElectionConfig(String namespace, String name, String identity, Duration leaseDuration,
                                   Duration renewDeadline, Duration retryPeriod) {

    public static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

    public LeaderElectionConfig {
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("the renew deadline must be shorter than the lease duration");
        }
        if (retryPeriod.compareTo(renewDeadline) >= 0) {
            throw new IllegalArgumentException("the retry period must be shorter than the renew deadline");
        }
    }

    public static LeaderElectionConfig of(String namespace, String name, String identity) {
        return new LeaderElectionConfig(namespace, name, identity, LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD);
    }
}
