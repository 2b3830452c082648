package kerbshell.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.springframework.core.annotation.Order;
import org.springframework.shell.ExitRequest;
import org.springframework.shell.Input;
import org.springframework.shell.InputProvider;
import org.springframework.shell.ShellRunner;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.jline.PromptProvider;

import java.util.List;

/**
 * The interactive shell's loop, in place of Spring Shell's, whose Ctrl-C at an empty prompt ends the shell (and
 * with it the lab held in memory): here Ctrl-C clears the line, Ctrl-D leaves only after {@link LeavingGuard}
 * agrees, and a command under way is stopped by {@link Cancellation}.
 */
@Order(-500)
final class InteractivePrompt implements ShellRunner {
    private final LaunchContext launch;
    private final LineReader reader;
    private final PromptProvider prompt;
    private final KerbshellShell shell;
    private final ShellContext context;
    private final LeavingGuard leaving;

    InteractivePrompt(LaunchContext launch, LineReader reader, PromptProvider prompt, KerbshellShell shell,
                      ShellContext context, LeavingGuard leaving) {
        this.launch = launch;
        this.reader = reader;
        this.prompt = prompt;
        this.shell = shell;
        this.context = context;
        this.leaving = leaving;
    }

    @Override
    public boolean run(String[] args) throws Exception {
        if (launch.scripted()) {
            return false;
        }
        context.setInteractionMode(InteractionMode.INTERACTIVE);
        shell.run((InputProvider) this::readLine);
        return true;
    }

    private Input readLine() {
        while (true) {
            try {
                reader.readLine(prompt.getPrompt().toAnsi(reader.getTerminal()));
                return input(reader.getParsedLine());
            } catch (UserInterruptException e) {
                // Ctrl-C: the line is dropped, the shell stays.
            } catch (EndOfFileException e) {
                if (leaving.mayLeave()) {
                    throw new ExitRequest();
                }
            }
        }
    }

    private static Input input(ParsedLine line) {
        List<String> words = line.words().stream().filter(w -> !w.isEmpty()).toList();
        return new Input() {
            @Override
            public String rawText() {
                return line.line();
            }

            @Override
            public List<String> words() {
                return words;
            }
        };
    }
}
