package kerbshell.cli;

import kerbshell.diagnosis.ExplainService;
import kerbshell.error.KerbshellException;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code kerbshell explain TEXT...} run once from the command line, without booting the shell: explain reads no
 * directory and needs none of Spring's machinery, which is most of a launch's time (an administrator pastes codes
 * into it one after the other). It prints through the same {@link Console}, result printer and
 * {@link ErrorReporter} the shell uses, so its output and exit status are the shell's byte for byte. Anything
 * but plain text after {@code explain} (an option such as {@code --json} or {@code --help}, a DC to connect to)
 * takes the shell's own path, which parses it.
 */
final class ExplainWithoutShell {
    /** A bare negative decimal code (-2146893053) is text, not an option. */
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-\\d+");

    private ExplainWithoutShell() {
    }

    static boolean handles(LaunchOptions options) {
        List<String> command = options.command();
        return command.size() > 1 && command.get(0).equals("explain") && !options.namesServer()
                && options.file() == null && !options.debug()
                && command.subList(1, command.size()).stream()
                        .noneMatch(word -> word.startsWith("-") && !NEGATIVE_NUMBER.matcher(word).matches());
    }

    /** Explains the text and returns the exit status, as the shell would. */
    static int run(LaunchContext launch) {
        PrintWriter out = new PrintWriter(launch.out(), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(launch.err(), true, StandardCharsets.UTF_8);
        Console console = new Console(out, err, launch.options().json(), launch.stdoutIsTerminal(), launch.colour());
        CommandStatus status = new CommandStatus();
        List<String> command = launch.options().command();
        try {
            new RenderableResultHandler(console, status)
                    .handleResult(new ExplainService().explain(String.join(" ", command.subList(1, command.size()))));
        } catch (KerbshellException e) {
            new ErrorReporter(console, status, false).report(e);
        }
        out.flush();
        return status.worst().code();
    }
}
