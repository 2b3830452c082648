package kerbshell.cli;

import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import kerbshell.journal.Journal;
import kerbshell.output.ChangeForm;
import kerbshell.output.OutputFormat;
import org.jline.terminal.Terminal;
import org.springframework.shell.CommandNotCurrentlyAvailable;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.ExitRequest;
import org.springframework.shell.Input;
import org.springframework.shell.ResultHandlerService;
import org.springframework.shell.Shell;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.exit.ExitCodeMappings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Spring Shell's shell, running kerbshell's way: each line's words are bound by the command's
 * {@link CommandSyntax} (strict arity, no binding by position to later options, "did you mean") and the method
 * is called by {@link CommandInvoker} under a {@link Cancellation}, so Ctrl-C stops it. {@code --json} on any
 * line selects JSON for that line's result and {@code --debug} shows that line's stack trace (decided once
 * here, so no command branches on either); {@link #execute} runs one line for the scripted runner and tells its
 * exit status.
 */
final class KerbshellShell extends Shell {
    static final String JSON_OPTION = "--json";
    /** How a line shows the directory changes it plans (--dry-run, a recipe's plan): ldif, powershell, setspn. */
    static final String AS_OPTION = "--as";
    static final String DEBUG_OPTION = "--debug";

    private final CommandCatalog catalog;
    private final ResultHandlerService results;
    private final Console console;
    private final CommandStatus status;
    private final ErrorReporter errors;
    private final Journal journal;
    private final CommandHelp help;
    private final Cancellation cancellation;

    KerbshellShell(ResultHandlerService results, CommandCatalog catalog, Terminal terminal, ShellContext context,
                   ExitCodeMappings exitCodeMappings, Console console, CommandStatus status, ErrorReporter errors,
                   Journal journal, CommandHelp help, Cancellation cancellation) {
        super(results, catalog, terminal, context, exitCodeMappings);
        this.catalog = catalog;
        this.results = results;
        this.console = console;
        this.status = status;
        this.errors = errors;
        this.journal = journal;
        this.help = help;
        this.cancellation = cancellation;
    }

    @Override
    protected Object evaluate(Input input) {
        List<String> words = input.words().stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty() || words.get(0).startsWith("#")) {
            return NO_INPUT;
        }
        boolean json = words.contains(JSON_OPTION);
        boolean debug = words.contains(DEBUG_OPTION);
        List<String> command = words.stream().filter(w -> !w.equals(JSON_OPTION) && !w.equals(DEBUG_OPTION))
                .toList();
        console.setLineFormat(json ? OutputFormat.JSON : OutputFormat.TEXT);
        console.setChangeForm(ChangeForm.LDIF_AND_POWERSHELL);
        errors.debugThisLine(debug);
        status.startCommand();
        journal.startCommand(String.join(" ", command), journal.currentRun());
        Object outcome;
        try {
            outcome = run(command);
        } catch (ExitRequest exit) {
            return exit;
        } catch (Throwable failure) {
            errors.report(failure);
            outcome = null;
        } finally {
            errors.debugThisLine(false);
        }
        Object result = outcome;
        afterEachCommand.forEach(listener -> listener.accept(command, result));
        return result;
    }

    /**
     * The line without {@code --as FORM}, which the shell reads for every command that plans changes and has no
     * {@code --as} of its own (ticket s4u --as USER, lab migrate --as ROLE).
     */
    private List<String> withoutAs(CommandRegistration registration, List<String> words) {
        int as = words.indexOf(AS_OPTION);
        if (as < 0 || CommandKinds.hasOption(registration, "as") || !CommandSyntax.showsChangeForms(registration)) {
            return words;
        }
        ChangeForm form = as + 1 < words.size() ? ChangeForm.parse(words.get(as + 1)) : null;
        if (form == null) {
            throw KerbshellException.usage(AS_OPTION + " takes ldif, powershell or setspn"
                    + (as + 1 < words.size() ? ", not '" + words.get(as + 1) + "'" : ""));
        }
        console.setChangeForm(form);
        List<String> rest = new ArrayList<>(words.subList(0, as));
        rest.addAll(words.subList(Math.min(as + 2, words.size()), words.size()));
        return List.copyOf(rest);
    }

    /**
     * kerbshell's own commands are bound by their {@link CommandSyntax} and called directly; the built-ins left
     * (clear, history) go through Spring Shell. A group's name alone lists the group.
     */
    private Object run(List<String> words) throws Throwable {
        String line = String.join(" ", words);
        CommandRegistration registration = registrationOf(line).orElse(null);
        if (registration == null) {
            if (!help.groupOf(words).isEmpty()) {
                return help.group(words);
            }
            throw help.unknownCommand(words);
        }
        if (!CommandSyntax.isKerbshells(registration)) {
            return super.evaluate(inputOf(words));
        }
        CommandSyntax syntax = help.syntax(registration);
        words = withoutAs(registration, words);
        List<String> args = words.subList(nameIn(registration, line).split(" ").length, words.size());
        CommandSyntax.Bound bound = syntax.bind(args);
        if (bound.help()) {
            return help.command(registration);
        }
        return cancellation.run(() -> CommandInvoker.invoke(registration, syntax, bound));
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
        if (afterOptionName && CommandSyntax.isKerbshells(registration)) {
            // An enum option's values (--via, --shell...), from the same syntax the line is bound by.
            String name = args.getWords().get(index - 1).replaceFirst("^--", "");
            help.syntax(registration).param(name).ifPresent(param -> param.choices().stream()
                    .filter(choice -> choice.startsWith(current)).map(CompletionProposal::new)
                    .forEach(proposals::add));
        }
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

    /** The command a line starts with: the longest registered command (or alias) that is a whole-word prefix of it. */
    Optional<CommandRegistration> registrationOf(String line) {
        return catalog.getRegistrations().values().stream()
                .filter(r -> !nameIn(r, line).isEmpty())
                .max(Comparator.comparingInt(r -> nameIn(r, line).length()));
    }

    /** The command's name or alias the line starts with, or "". */
    private static String nameIn(CommandRegistration registration, String line) {
        List<String> names = new ArrayList<>();
        names.add(registration.getCommand());
        registration.getAliases().forEach(a -> names.add(a.getCommand()));
        return names.stream().filter(n -> line.equals(n) || line.startsWith(n + " ")).findFirst().orElse("");
    }

    /**
     * Runs one command line and returns its result instead of printing it (a recipe's plan reads the dry runs);
     * a failure comes back as the exception, already reported. The output format of the command that asked is
     * kept, whatever the line said.
     */
    Object evaluateQuietly(List<String> words) {
        OutputFormat format = console.format();
        ChangeForm form = console.changeForm();
        boolean quiet = console.quiet();
        console.setQuiet(true);
        try {
            Object result = evaluate(inputOf(words));
            return result;
        } finally {
            console.setQuiet(quiet);
            console.setLineFormat(format);
            console.setChangeForm(form);
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
        if (result instanceof ExitRequest exit) {
            throw exit;
        }
        if (result instanceof CommandNotCurrentlyAvailable unavailable) {
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
