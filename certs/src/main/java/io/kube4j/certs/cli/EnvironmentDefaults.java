package io.kube4j.certs.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Takes a flag's default from {@code KUBE4J_<FLAG>} ({@code --service-cluster-ip-range} →
 * {@code KUBE4J_SERVICE_CLUSTER_IP_RANGE}), as every kube4j executable does; a flag on the
 * command line still wins.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    private static final String PREFIX = "KUBE4J_";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    static String variableName(OptionSpec option) {
        return PREFIX + option.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (argument instanceof OptionSpec option && !option.usageHelp()) {
            return environment.get(variableName(option));
        }
        return null;
    }
}
