package io.kube4j.common.daemon;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The common entry of every kube4j executable: flags from the command line or the environment,
 * a one-line reason and exit code 2 on bad flags, 1 on a failure to start, no stack traces.
 */
public final class Daemons {

    private Daemons() {
    }

    public static CommandLine commandLine(Object command, Map<String, String> environment) {
        CommandLine cli = new CommandLine(command);
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage()
                    + " (see '" + ex.getCommandLine().getCommandName() + " --help')");
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println(commandLine.getCommandName() + ": " + oneLine(ex));
            err.flush();
            return ex instanceof CommandLine.ParameterException ? 2 : 1;
        });
        return cli;
    }

    /** Parses, runs and exits with the command's code. */
    public static void main(Object command, String[] args) {
        int code = commandLine(command, System.getenv()).execute(args);
        if (code != 0 || !(command instanceof Runnable) && !(command instanceof java.util.concurrent.Callable<?>)) {
            System.exit(code);
        }
    }

    /** The message of an error and its causes, on one line. */
    public static String oneLine(Throwable error) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && message.indexOf(m) < 0) {
                if (message.length() > 0) {
                    message.append(": ");
                }
                message.append(m.replace('\n', ' '));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message.length() == 0 ? error.getClass().getSimpleName() : message.toString();
    }
}
