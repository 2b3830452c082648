package kerbshell.cli;

import kerbshell.output.Message;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.springframework.shell.ExitRequest;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.standard.commands.Quit;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code exit} (and {@code quit}), in place of Spring Shell's: leaving the shell with a recording not saved yet
 * asks first whether to save it, throw it away, or stay; a script, which cannot answer, is told on stderr.
 */
@Command(group = "Built-In Commands")
public class ExitCommands implements Quit.Command {
    private final RecipeCommands recipes;
    private final Terminal terminal;
    private final LaunchContext launch;
    private final Console console;
    private final LeavingGuard leaving;

    ExitCommands(RecipeCommands recipes, Terminal terminal, LaunchContext launch, Console console,
                 LeavingGuard leaving) {
        this.recipes = recipes;
        this.terminal = terminal;
        this.launch = launch;
        this.console = console;
        this.leaving = leaving;
    }

    @Example(value = "exit", says = "Leaves the shell (in a command file: ends the file's run).",
            notOnLab = "it ends the run, so the examples test cannot go on after it")
    @Command(command = "exit", alias = "quit", description = "Leave the shell (Ctrl-D does the same); a recording "
            + "not saved yet is saved or thrown away first, as you say, and lab changes of this session, which end "
            + "with the shell, are confirmed.")
    Message exit() {
        Optional<String> unsaved = recipes.unsavedRecording();
        if (unsaved.isEmpty()) {
            return leave();
        }
        if (launch.scripted()) {
            console.note("warning: recording " + unsaved.get() + " was not saved ('recipe save' saves it)");
            throw new ExitRequest();
        }
        String answer;
        try {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                    .variable(LineReader.DISABLE_HISTORY, true).build();
            answer = reader.readLine("recording " + unsaved.get() + " is not saved: save it (s), throw it away (d), "
                    + "or stay (Enter)? ");
        } catch (UserInterruptException | EndOfFileException e) {
            answer = "";
        }
        String given = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        if (given.equals("s") || given.equals("save")) {
            console.note(recipes.save().message());
            return leave();
        }
        if (given.equals("d") || given.equals("discard")) {
            return leave();
        }
        return new Message("still recording " + unsaved.get() + ": 'recipe save' saves it");
    }

    /** Leaves, unless the lab has changes of this session and the person at the terminal wants to stay. */
    private Message leave() {
        if (!launch.scripted() && !leaving.mayLeave()) {
            return new Message("staying in the shell");
        }
        throw new ExitRequest();
    }
}
