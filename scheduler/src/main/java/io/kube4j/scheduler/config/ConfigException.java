package io.kube4j.scheduler.config;

/** The scheduler configuration is wrong; the message names the field (e.g. {@code profiles[0].plugins.score}). */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
