package kerbshell.cli;

import kerbshell.error.KerbshellException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Asks for a password on the terminal without echoing it, through a line reader of its own that keeps no
 * history, so the password reaches neither the screen nor the history file.
 */
final class PasswordPrompt {
    private final Terminal terminal;
    private final LaunchContext launch;

    PasswordPrompt(Terminal terminal, LaunchContext launch) {
        this.terminal = terminal;
        this.launch = launch;
    }

    boolean available() {
        return launch.stdinIsTerminal() && (!launch.scripted() || System.console() != null);
    }

    char[] ask(String account) {
        String prompt = "Password for " + account + ": ";
        if (launch.scripted()) {
            return System.console().readPassword("%s", prompt);
        }
        LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                .variable(LineReader.DISABLE_HISTORY, true).build();
        try {
            return reader.readLine(prompt, '\0').toCharArray();
        } catch (UserInterruptException | EndOfFileException e) {
            throw KerbshellException.failure("no password given for " + account + " (Ctrl-C or Ctrl-D at the "
                    + "prompt): nothing was sent");
        }
    }
}
