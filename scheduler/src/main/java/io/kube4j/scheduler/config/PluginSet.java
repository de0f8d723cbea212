package io.kube4j.scheduler.config;

import java.util.List;

/**
 * One extension point of a profile as the file states it: plugins enabled on top of (or
 * re-weighted among) the defaults, and default plugins disabled ({@code *} disables them all).
 */
public record PluginSet(List<PluginRef> enabled, List<String> disabled) {

    public static final PluginSet DEFAULTS = new PluginSet(List.of(), List.of());

    public PluginSet {
        enabled = List.copyOf(enabled);
        disabled = List.copyOf(disabled);
    }

    public boolean disablesAll() {
        return disabled.contains("*");
    }
}
