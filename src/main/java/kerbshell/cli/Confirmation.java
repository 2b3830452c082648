package kerbshell.cli;

import kerbshell.error.KerbshellException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.util.Locale;

/**
 * Asks the person at the terminal to confirm a risky change with a y/N prompt; a scripted run cannot be asked, so
 * there the change needs {@code --yes} and is refused without it.
 */
final class Confirmation {
    private final Terminal terminal;
    private final LaunchContext launch;
    private final Console console;

    Confirmation(Terminal terminal, LaunchContext launch, Console console) {
        this.terminal = terminal;
        this.launch = launch;
        this.console = console;
    }

    /**
     * Returns when confirmed; otherwise throws: a usage error in scripted runs (naming {@code --yes}), a failure
     * when the answer is not yes.
     *
     * @param risk     why the change is dangerous, shown before the question
     * @param question what is asked, e.g. "Trust HV01$ for delegation to any service?"
     * @param command  the command line that needs --yes in a script
     */
    void require(String risk, String question, String command) {
        if (launch.scripted()) {
            throw KerbshellException.usage(command + " needs confirmation, and a script cannot give it: add --yes "
                    + "once you have read why it is dangerous (run it with --dry-run to see)");
        }
        if (!ask(risk, question)) {
            throw KerbshellException.failure("not confirmed: nothing was written");
        }
    }

    /** Shows the warning and asks; true only for y or yes (Ctrl-C, Ctrl-D and Enter are no). */
    boolean ask(String risk, String question) {
        console.note("warning: " + risk);
        String answer;
        try {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                    .variable(LineReader.DISABLE_HISTORY, true).build();
            answer = reader.readLine(question + " [y/N] ");
        } catch (UserInterruptException | EndOfFileException e) {
            answer = "";
        }
        String given = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        return given.equals("y") || given.equals("yes");
    }
}
