package io.kube4j.common.daemon;

import java.util.Map;
import picocli.CommandLine;

/**
 * Every flag may come from the environment as {@code KUBE4J_<FLAG>}: {@code --secure-port} is
 * {@code KUBE4J_SECURE_PORT}. A flag on the command line wins over the environment.
 */
public final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    private final Map<String, String> environment;

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (argSpec instanceof CommandLine.Model.OptionSpec option) {
            String value = environment.get(variable(option.longestName()));
            if (value != null) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }

    /** {@code --secure-port} → {@code KUBE4J_SECURE_PORT}. */
    public static String variable(String flag) {
        String name = flag.replaceFirst("^-+", "");
        return "KUBE4J_" + name.toUpperCase().replace('-', '_');
    }
}
