package io.kube4j.scheduler.framework;

/**
 * A named piece of scheduling policy, plugged into one or more extension points
 * ({@link FilterPlugin}, {@link ScorePlugin}, {@link BindPlugin}). Its name is how the config file
 * enables, disables and weighs it.
 */
public interface Plugin {

    /** The name used in the config file, e.g. {@code NodeResourcesFit}. */
    String name();
}
