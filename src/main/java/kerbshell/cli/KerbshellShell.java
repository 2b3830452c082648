package kerbshell.cli;

import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import kerbshell.journal.Journal;
import kerbshell.output.OutputFormat;
import org.springframework.shell.CommandNotCurrentlyAvailable;
import org.springframework.shell.CommandNotFound;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.Input;
import org.springframework.shell.ResultHandlerService;
import org.springframework.shell.Shell;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.exit.ExitCodeMappings;
import org.jline.terminal.Terminal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Spring Shell's shell, with two additions: {@code --json} on any line selects JSON for that line's result
 * (decided once here, so no command branches on the format), and {@link #execute} runs one line for the
 * scripted runner and tells its exit status.
 */
final class KerbshellShell extends Shell {
    static final String JSON_OPTION = "--json";

    private final CommandCatalog catalog;
    private final ResultHandlerService results;
    private final Console console;
    private final CommandStatus status;
    private final ErrorReporter errors;
    private final Journal journal;

    KerbshellShell(ResultHandlerService results, CommandCatalog catalog, Terminal terminal, ShellContext context,
                   ExitCodeMappings exitCodeMappings, Console console, CommandStatus status, ErrorReporter errors,
                   Journal journal) {
        super(results, catalog, terminal, context, exitCodeMappings);
        this.catalog = catalog;
        this.results = results;
        this.console = console;
        this.status = status;
        this.errors = errors;
        this.journal = journal;
    }

    @Override
    protected Object evaluate(Input input) {
        List<String> words;
        try {
            words = RepeatedOptions.normalize(registrationOf(String.join(" ", input.words())), input.words());
        } catch (KerbshellException e) {
            status.startCommand();
            return e;
        }
        boolean json = words.contains(JSON_OPTION);
        console.setLineFormat(json ? OutputFormat.JSON : OutputFormat.TEXT);
        status.startCommand();
        journal.startCommand(String.join(" ", words), journal.currentRun());
        Object result = !json && words.equals(input.words()) ? super.evaluate(input)
                : super.evaluate(inputOf(words.stream().filter(w -> !w.equals(JSON_OPTION)).toList()));
        if (result instanceof CommandNotFound) {
            // An unknown command is a usage error, also at the prompt (and so not kept in the history).
            status.record(ExitStatus.USAGE);
        }
        List<String> ran = words.stream().filter(w -> !w.equals(JSON_OPTION)).toList();
        afterEachCommand.forEach(listener -> listener.accept(ran, result));
        return result;
    }

    private final List<java.util.function.BiConsumer<List<String>, Object>> afterEachCommand =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Tells {@code listener} of every command line evaluated (its words, without --json) and its result. */
    void afterEachCommand(java.util.function.BiConsumer<List<String>, Object> listener) {
        afterEachCommand.add(listener);
    }

    /**
     * Spring Shell completes option values only after the option's name; kerbshell's hosts are mostly given by
     * position ({@code spn list HV01}), so positional options with a completion get offered too.
     */
    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        List<CompletionProposal> proposals = new ArrayList<>(super.complete(context));
        String typed = context.upToCursor();
        CommandRegistration registration = registrationOf(typed).orElse(null);
        if (registration == null || !typed.startsWith(registration.getCommand() + " ")) {
            return proposals;
        }
        CompletionContext args = context.drop(registration.getCommand().split(" ").length);
        int index = args.getWordIndex();
        boolean afterOptionName = index > 0 && args.getWords().get(index - 1).startsWith("-");
        String current = args.currentWord() == null ? "" : args.currentWord();
        if (afterOptionName || current.startsWith("-")) {
            return proposals;
        }
        for (CommandOption option : registration.getOptions()) {
            if (option.getPosition() >= 0 && option.getCompletion() != null) {
                proposals.addAll(option.getCompletion().apply(args.commandOption(option)));
            }
        }
        return proposals;
    }

    /** The command a line starts with: the longest registered command that is a whole-word prefix of it. */
    Optional<CommandRegistration> registrationOf(String line) {
        return catalog.getRegistrations().values().stream()
                .filter(r -> line.equals(r.getCommand()) || line.startsWith(r.getCommand() + " "))
                .max(Comparator.comparingInt(r -> r.getCommand().length()));
    }

    /**
     * Runs one command line and returns its result instead of printing it (a recipe's plan reads the dry runs);
     * a failure comes back as the exception, already reported. The output format of the command that asked is
     * kept, whatever the line said.
     */
    Object evaluateQuietly(List<String> words) {
        OutputFormat format = console.format();
        try {
            Object result = evaluate(inputOf(words));
            if (result instanceof CommandNotFound) {
                return KerbshellException.usage("unknown command '" + String.join(" ", words) + "'");
            }
            return result;
        } finally {
            console.setLineFormat(format);
        }
    }

    private static Input inputOf(List<String> words) {
        return new Input() {
            @Override
            public String rawText() {
                return String.join(" ", words);
            }

            @Override
            public List<String> words() {
                return words;
            }
        };
    }

    /** Runs one command line given as words; prints its result or error; returns its exit status. */
    ExitStatus execute(List<String> words) {
        Object result = evaluate(inputOf(words));
        if (result == NO_INPUT || result == null) {
            return status.current();
        }
        if (result instanceof CommandNotFound) {
            console.error("unknown command '" + String.join(" ", words) + "': run 'help' to list the commands");
            status.record(ExitStatus.USAGE);
        } else if (result instanceof CommandNotCurrentlyAvailable unavailable) {
            console.error(unavailable.getMessage());
            status.record(ExitStatus.PROBLEM);
        } else if (result instanceof Throwable failure) {
            errors.report(failure);
        } else {
            results.handle(result);
        }
        return status.current();
    }
}
