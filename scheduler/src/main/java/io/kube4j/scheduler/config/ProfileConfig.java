package io.kube4j.scheduler.config;

/** One profile of the config file: the scheduler name pods select it by, and its plugin choices. */
public record ProfileConfig(String schedulerName, PluginSet filter, PluginSet score, NodeLabelArgs nodeLabel) {

    public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";

    /** All default plugins, default weights. */
    public static ProfileConfig defaults(String schedulerName) {
        return new ProfileConfig(schedulerName, PluginSet.DEFAULTS, PluginSet.DEFAULTS, NodeLabelArgs.NONE);
    }

    public ProfileConfig withSchedulerName(String name) {
        return new ProfileConfig(name, filter, score, nodeLabel);
    }
}
