package io.kube4j.scheduler.config;

import java.util.List;

/** The NodeLabel score plugin's arguments: label keys nodes are preferred to carry, and to lack. */
public record NodeLabelArgs(List<String> presentLabelsPreference, List<String> absentLabelsPreference) {

    public static final NodeLabelArgs NONE = new NodeLabelArgs(List.of(), List.of());

    public NodeLabelArgs {
        presentLabelsPreference = List.copyOf(presentLabelsPreference);
        absentLabelsPreference = List.copyOf(absentLabelsPreference);
    }
}
