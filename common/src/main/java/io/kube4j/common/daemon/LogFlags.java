package io.kube4j.common.daemon;

import picocli.CommandLine.Option;

/**
 * The logging flags every daemon takes, as a picocli mixin:
 * {@code @CommandLine.Mixin LogFlags logging;} then {@code logging.apply()} once the other flags are checked.
 */
public final class LogFlags {

    @Option(names = "--log-format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE})")
    Logging.Format format;

    @Option(names = {"-v", "--v"}, defaultValue = "0", paramLabel = "N", description = "log verbosity (default ${DEFAULT-VALUE})")
    int verbosity;

    /** Configures the process's logging from the flags. */
    public void apply() {
        Logging.configure(format, verbosity);
    }
}
