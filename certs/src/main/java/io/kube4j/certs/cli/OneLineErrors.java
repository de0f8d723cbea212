package io.kube4j.certs.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failure as one line on stderr, never a stack trace or the whole usage text, so that
 * scripts and log shippers get one readable reason. Bad flags exit 2, failed work exits 1.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        command.getErr().println(prefix(command) + oneLine(exception.getMessage())
                + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        command.getErr().flush();
        return EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine command, ParseResult parseResult) {
        String message = exception.getMessage() == null ? exception.toString() : exception.getMessage();
        command.getErr().println(prefix(command) + oneLine(message));
        command.getErr().flush();
        return EXIT_FAILED;
    }

    private static String prefix(CommandLine command) {
        return command.getCommandSpec().qualifiedName() + ": ";
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
