package io.kube4j.proxy.config;

/** A bad value in the configuration file or flags, with the field it concerns in the message. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
