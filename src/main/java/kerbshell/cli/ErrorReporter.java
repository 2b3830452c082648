package kerbshell.cli;

import com.unboundid.ldap.sdk.LDAPException;
import kerbshell.directory.LdapFailures;
import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import org.springframework.core.convert.ConversionException;
import org.springframework.shell.ParameterValidationException;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandExecution;
import org.springframework.shell.command.CommandHandlingResult;
import org.springframework.shell.command.CommandParser;

import java.util.stream.Collectors;

/**
 * The one place where failures become what the user sees: one line on stderr naming the cause and the fix, and
 * the exit status (1 failure, 2 usage). The stack trace only with {@code --debug}.
 */
final class ErrorReporter implements CommandExceptionResolver {
    private final Console console;
    private final CommandStatus status;
    private boolean debug;
    private boolean debugThisLine;

    ErrorReporter(Console console, CommandStatus status, boolean debug) {
        this.console = console;
        this.status = status;
        this.debug = debug;
    }

    /** {@code debug on|off} in the session. */
    void setDebug(boolean debug) {
        this.debug = debug;
    }

    boolean debug() {
        return debug;
    }

    /** {@code --debug} on one line: its failure's trace is shown. */
    void debugThisLine(boolean debug) {
        this.debugThisLine = debug;
    }

    @Override
    public CommandHandlingResult resolve(Exception e) {
        ExitStatus exit = report(e);
        return CommandHandlingResult.of(null, exit.code());
    }

    /** Prints the failure and records its status; returns that status. */
    ExitStatus report(Throwable e) {
        boolean debug = this.debug || debugThisLine;
        Throwable cause = unwrap(e);
        ExitStatus exit;
        String message;
        if (cause instanceof KerbshellException known) {
            exit = known.status();
            message = known.getMessage();
        } else if (cause instanceof CommandExecution.CommandParserExceptionsException parse) {
            exit = ExitStatus.USAGE;
            message = parse.getParserExceptions().stream().map(CommandParser.CommandParserException::getMessage)
                    .collect(Collectors.joining("; ")) + " (see 'help COMMAND')";
        } else if (cause instanceof ParameterValidationException invalid) {
            exit = ExitStatus.USAGE;
            message = invalid.getConstraintViolations().stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).collect(Collectors.joining("; "));
        } else if (cause instanceof ConversionException || cause instanceof IllegalArgumentException) {
            exit = ExitStatus.USAGE;
            message = "invalid option value: " + rootMessage(cause);
        } else if (cause instanceof LDAPException ldap) {
            KerbshellException mapped = LdapFailures.onOperation(ldap, "talking to the directory");
            exit = mapped.status();
            message = mapped.getMessage();
        } else {
            exit = ExitStatus.PROBLEM;
            message = "unexpected " + cause.getClass().getSimpleName() + ": " + rootMessage(cause)
                    + (debug ? "" : " (add --debug to the command, or run 'debug on' in the shell, for details)");
        }
        console.error(message);
        if (debug) {
            cause.printStackTrace(console.err());
            console.err().flush();
        }
        status.record(exit);
        return exit;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof org.springframework.shell.command.CommandExecution.CommandExecutionException
                || t instanceof java.lang.reflect.UndeclaredThrowableException
                || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
