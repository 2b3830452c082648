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
class ExitCommands implements Quit.Command {
    private final RecipeCommands recipes;
    private final Terminal terminal;
    private final LaunchContext launch;
    private final Console console;

    ExitCommands(RecipeCommands recipes, Terminal terminal, LaunchContext launch, Console console) {
        this.recipes = recipes;
        this.terminal = terminal;
        this.launch = launch;
        this.console = console;
    }

    @Command(command = "exit", alias = "quit", description = "Leave the shell; a recording not saved yet is saved "
            + "or thrown away first, as you say.")
    Message exit() {
        Optional<String> unsaved = recipes.unsavedRecording();
        if (unsaved.isEmpty()) {
            throw new ExitRequest();
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
            throw new ExitRequest();
        }
        if (given.equals("d") || given.equals("discard")) {
            throw new ExitRequest();
        }
        return new Message("still recording " + unsaved.get() + ": 'recipe save' saves it");
    }
}
