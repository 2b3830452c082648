package kerbshell.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.springframework.core.annotation.Order;
import org.springframework.shell.Input;
import org.springframework.shell.InputProvider;
import org.springframework.shell.ShellRunner;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.jline.PromptProvider;

import java.util.List;

/**
 * The interactive shell's loop, in place of Spring Shell's, whose Ctrl-C at an empty prompt ends the shell (and
 * with it the lab held in memory): here Ctrl-C clears the line, Ctrl-D is the {@code exit} command (which asks
 * about an unsaved recording and lab changes first), and a command under way is stopped by {@link Cancellation}.
 */
@Order(-500)
final class InteractivePrompt implements ShellRunner {
    private final LaunchContext launch;
    private final LineReader reader;
    private final PromptProvider prompt;
    private final KerbshellShell shell;
    private final ShellContext context;

    InteractivePrompt(LaunchContext launch, LineReader reader, PromptProvider prompt, KerbshellShell shell,
                      ShellContext context) {
        this.launch = launch;
        this.reader = reader;
        this.prompt = prompt;
        this.shell = shell;
        this.context = context;
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
                return input(List.of("exit"), "exit");
            }
        }
    }

    private static Input input(ParsedLine line) {
        return input(line.words().stream().filter(w -> !w.isEmpty()).toList(), line.line());
    }

    private static Input input(List<String> words, String raw) {
        return new Input() {
            @Override
            public String rawText() {
                return raw;
            }

            @Override
            public List<String> words() {
                return words;
            }
        };
    }
}
