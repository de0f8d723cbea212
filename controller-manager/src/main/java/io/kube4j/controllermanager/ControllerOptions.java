package io.kube4j.controllermanager;

import java.time.Duration;

/**
 * The tunables of the controllers, named after the kube-controller-manager flags.
 *
 * @param nodeEvictionRate           nodes whose pods may be evicted per second
 * @param deleteUnreachableNodesAfter zero keeps unreachable Node objects forever
 */
public record ControllerOptions(Duration nodeMonitorPeriod, Duration nodeMonitorGracePeriod,
                                Duration podEvictionTimeout, double nodeEvictionRate,
                                Duration deleteUnreachableNodesAfter, Duration resourceQuotaSyncPeriod,
                                int workers) {

    public static final ControllerOptions DEFAULT = new ControllerOptions(Duration.ofSeconds(5), Duration.ofSeconds(40),
            Duration.ofMinutes(5), 0.1, Duration.ZERO, Duration.ofMinutes(5), 2);

    public ControllerOptions withNodeTiming(Duration period, Duration grace, Duration evictionTimeout, double evictionRate) {
        return new ControllerOptions(period, grace, evictionTimeout, evictionRate, deleteUnreachableNodesAfter,
                resourceQuotaSyncPeriod, workers);
    }

    public ControllerOptions withDeleteUnreachableNodesAfter(Duration after) {
        return new ControllerOptions(nodeMonitorPeriod, nodeMonitorGracePeriod, podEvictionTimeout, nodeEvictionRate, after,
                resourceQuotaSyncPeriod, workers);
    }

    public ControllerOptions withResourceQuotaSyncPeriod(Duration period) {
        return new ControllerOptions(nodeMonitorPeriod, nodeMonitorGracePeriod, podEvictionTimeout, nodeEvictionRate,
                deleteUnreachableNodesAfter, period, workers);
    }
}
