package io.kube4j.certs.cli;

import io.kube4j.certs.pki.Pki;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code kube4j-certs}: the command line over {@link Pki}. Exit codes: 0 done, 1 the PKI could
 * not be written, 2 bad flags; every failure is one line on stderr.
 */
@Command(
        name = "kube4j-certs",
        description = "Creates and renews the CA, certificates, kubeconfigs and tokens of a kube4j cluster.",
        footer = "Every flag can also be set as KUBE4J_<FLAG>, e.g. KUBE4J_DIR=pki for --dir.")
public final class CertsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    private boolean help;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), Clock.systemUTC()).execute(args));
    }

    /**
     * The whole command tree, wired to a {@link Pki} on {@code clock}, taking flag defaults from
     * {@code environment}. Tests call {@code execute} on it in-process.
     */
    public static CommandLine commandLine(Map<String, String> environment, Clock clock) {
        Pki pki = new Pki(clock);
        CommandLine commandLine = new CommandLine(new CertsCommand())
                .addSubcommand(new InitCommand(pki))
                .addSubcommand(new RenewCommand(pki));
        // These setters reach only the subcommands that exist when they are called, so they come last.
        OneLineErrors errors = new OneLineErrors();
        return commandLine
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setDefaultValueProvider(new EnvironmentDefaults(environment))
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: init or renew");
    }
}
