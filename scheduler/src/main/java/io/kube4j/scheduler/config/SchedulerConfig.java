package io.kube4j.scheduler.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's configuration file (a subset of Kubernetes' KubeSchedulerConfiguration), read by
 * {@link ConfigLoader}. Immutable.
 *
 * @param percentageOfNodesToScore 0 = adaptive (Kubernetes' default), else 1–100
 * @param qps                      {@code clientConnection.qps}: the API client's sustained request rate
 * @param burst                    {@code clientConnection.burst}
 * @param profiles                 at least one; scheduler names are unique
 */
public record SchedulerConfig(int percentageOfNodesToScore, double qps, int burst, List<ProfileConfig> profiles) {

    /** Kubernetes' client defaults for the scheduler. */
    public static final double DEFAULT_QPS = 50;
    public static final int DEFAULT_BURST = 100;

    /** One profile, {@code default-scheduler}, with every default plugin: the seed's three priorities at weight 1. */
    public static final SchedulerConfig DEFAULT = new SchedulerConfig(0, DEFAULT_QPS, DEFAULT_BURST,
            List.of(ProfileConfig.defaults(ProfileConfig.DEFAULT_SCHEDULER_NAME)));

    public SchedulerConfig {
        profiles = List.copyOf(profiles);
    }

    /** The same, with the first profile renamed (what {@code --scheduler-name} does). */
    public SchedulerConfig withFirstSchedulerName(String name) {
        List<ProfileConfig> renamed = new ArrayList<>(profiles);
        renamed.set(0, renamed.get(0).withSchedulerName(name));
        return new SchedulerConfig(percentageOfNodesToScore, qps, burst, renamed);
    }

    public SchedulerConfig withClientRate(double newQps, int newBurst) {
        return new SchedulerConfig(percentageOfNodesToScore, newQps, newBurst, profiles);
    }
}
