package kerbshell.cli;

import kerbshell.diagnosis.ExplainService;
import kerbshell.directory.ComputerNames;
import kerbshell.directory.DirectorySession;
import kerbshell.journal.Journal;
import kerbshell.output.OutputFormat;
import kerbshell.output.Renderable;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The read commands administrators launch one at a time from their own shell, run without booting kerbshell's:
 * {@code kerbshell explain CODE}, {@code kerbshell status}, {@code kerbshell spn duplicates}. They need a session
 * at most, none of Spring's machinery, and Spring Shell's boot is most of a launch's time. Each runs through the
 * same pieces the shell uses — the command's own method body, {@link Console}, result printer,
 * {@link ErrorReporter}, the session opened as {@link EarlySession} opens it, and the journal's take-up of a new
 * session — so its output and exit status are the shell's byte for byte ({@code OneShotWithoutShellTest}
 * compares both). Anything else (another command, any option of the command's but {@code --json}, --debug,
 * --file, a password that may have to be asked) takes the shell's path, which parses and prompts.
 */
final class OneShotWithoutShell {
    /** A bare negative decimal code (-2146893053) is explain's text, not an option. */
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-\\d+");

    /** What a command does with its arguments and the session (null when it needs none). */
    private interface Body {
        Renderable run(List<String> args, DirectorySession session, ShellNotes notes);
    }

    /**
     * @param name           the command's words
     * @param needsSession   whether it reads the directory
     * @param searchesForest whether it searches the forest first thing (its Global Catalog opens with the session,
     *                       and the journal is read while the directory answers: {@link JournalTakeUp})
     * @param takesText      its arguments are free text (explain), else it takes none but --json
     */
    private record OneShot(List<String> name, boolean needsSession, boolean searchesForest, boolean takesText,
                           Body body) {
        boolean matches(List<String> command) {
            if (command.size() < name.size() || !command.subList(0, name.size()).equals(name)) {
                return false;
            }
            List<String> args = command.subList(name.size(), command.size());
            return takesText
                    ? !args.isEmpty() && args.stream().noneMatch(w -> w.startsWith("-")
                            && !NEGATIVE_NUMBER.matcher(w).matches())
                    : args.stream().allMatch(KerbshellShell.JSON_OPTION::equals);
        }
    }

    private static final List<OneShot> COMMANDS = List.of(
            new OneShot(List.of("explain"), false, false, true,
                    (args, session, notes) -> new ExplainService().explain(String.join(" ", args))),
            new OneShot(List.of("status"), true, false, false,
                    (args, session, notes) -> SessionCommands.status(session)),
            new OneShot(List.of("spn", "duplicates"), true, true, false,
                    (args, session, notes) -> SpnCommands.duplicates(session, null, notes)));

    private final LaunchContext launch;
    private final OneShot command;
    private final Supplier<EarlySession.Opened> opening;

    private OneShotWithoutShell(LaunchContext launch, OneShot command, Supplier<EarlySession.Opened> opening) {
        this.launch = launch;
        this.command = command;
        this.opening = opening;
    }

    /** The run of the launch's command without the shell, when it is one of these and nothing has to be asked. */
    static Optional<OneShotWithoutShell> of(LaunchContext launch) {
        LaunchOptions options = launch.options();
        if (options.file() != null || options.debug()) {
            return Optional.empty();
        }
        for (OneShot command : COMMANDS) {
            if (!command.matches(options.command())) {
                continue;
            }
            if (!command.needsSession()) {
                // With a DC named, the shell's path connects first and reports a DC it cannot reach.
                return options.needsNoSession() ? Optional.of(new OneShotWithoutShell(launch, command, null))
                        : Optional.empty();
            }
            return EarlySession.opening(launch, command.searchesForest())
                    .map(open -> new OneShotWithoutShell(launch, command, open));
        }
        return Optional.empty();
    }

    /** Runs the command and returns the exit status, as the shell would. */
    int run() {
        Console console = Console.of(launch, new PrintWriter(launch.out(), true, StandardCharsets.UTF_8));
        List<String> words = launch.options().command();
        List<String> args = words.subList(command.name().size(), words.size());
        if (!command.takesText() && args.contains(KerbshellShell.JSON_OPTION)) {
            console.setLineFormat(OutputFormat.JSON);
        }
        CommandStatus status = new CommandStatus();
        ErrorReporter errors = new ErrorReporter(console, status, false);
        EarlySession.Opened opened = null;
        try {
            JournalTakeUp afterCommand = null;
            if (opening != null) {
                boolean whileSearching = command.searchesForest();
                FutureTask<JournalRead> read = whileSearching ? null : readAhead();
                opened = opening.get();
                JournalTakeUp takeUp = new JournalTakeUp(launch, opened.session(), whileSearching ? readAhead() : read);
                if (whileSearching) {
                    afterCommand = takeUp;
                } else {
                    takeUp.run();
                }
            }
            status.startCommand();
            ShellNotes notes = new ShellNotes(console, launch, new ComputerNames(Clock.systemUTC()));
            Renderable result;
            try {
                result = command.body().run(command.takesText() ? args : List.of(),
                        opened == null ? null : opened.session(), notes);
            } finally {
                if (afterCommand != null) {
                    afterCommand.run();
                }
            }
            new RenderableResultHandler(console, status).handleResult(result);
        } catch (Throwable failure) {
            errors.report(failure);
        } finally {
            if (opened != null) {
                opened.close();
            }
            console.out().flush();
            console.err().flush();
        }
        return status.worst().code();
    }

    /**
     * The journal's take-up of the session ({@link Journal#attach}), with the journal as read on a second thread.
     * Parsing it costs about as much as a TLS handshake: it is read while the session opens, or, for a command
     * that searches the forest first thing, while the directory works out that search, and taken up once the
     * command has run (a read command does not depend on the outcomes it settles for writers that are gone), so
     * that the session's own opening has both cores (docs/benchmarks.md: the SPN scan on a Samba DC).
     */
    private record JournalTakeUp(LaunchContext launch, DirectorySession session, FutureTask<JournalRead> read) {
        void run() throws InterruptedException {
            JournalRead done;
            try {
                done = read.get();
            } catch (ExecutionException e) {
                done = new JournalRead(ShellConfiguration.journalOf(launch), null); // attach reads (and judges) it
            }
            done.journal().attach(session, done.contents());
        }
    }

    /** The launch's journal and what it holds, or null contents for attach to read them itself. */
    private record JournalRead(Journal journal, Journal.Contents contents) {
    }

    /**
     * The journal made and read on a thread of its own: making it seeds its ids from the JDK's SecureRandom, whose
     * set-up would otherwise come first on the session's path.
     */
    private FutureTask<JournalRead> readAhead() {
        FutureTask<JournalRead> read = new FutureTask<>(() -> {
            Journal journal = ShellConfiguration.journalOf(launch);
            return new JournalRead(journal, journal.readAhead(!launch.options().namesServer()));
        });
        Thread thread = new Thread(read, "kerbshell-journal-read");
        thread.setDaemon(true);
        thread.start();
        return read;
    }
}
