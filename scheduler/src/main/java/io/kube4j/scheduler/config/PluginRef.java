package io.kube4j.scheduler.config;

/**
 * A plugin named in a profile's {@code enabled} list.
 *
 * @param weight the score weight (score plugins only), 0 when the file gives none (the default, 1, applies)
 */
public record PluginRef(String name, int weight) {
}
