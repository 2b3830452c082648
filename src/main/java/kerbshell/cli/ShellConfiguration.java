package kerbshell.cli;

import kerbshell.directory.ComputerNames;
import kerbshell.directory.DirectoryConnector;
import kerbshell.journal.Journal;
import kerbshell.session.SessionKerberos;
import kerbshell.session.SessionManager;
import kerbshell.recipe.CommandLine;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.shell.ResultHandlerService;
import org.springframework.shell.boot.CommandRegistrationCustomizer;
import org.springframework.shell.boot.TerminalCustomizer;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.config.ShellConversionServiceSupplier;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.exit.ExitCodeMappings;
import org.springframework.shell.jline.PromptProvider;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Wires kerbshell's services into Spring Shell. */
@Configuration(proxyBeanMethods = false)
class ShellConfiguration {

    /**
     * Scripted runs get a plain terminal writing to the run's stdout: no JLine probing, no warnings, no colour.
     * It reads nothing, so the scripted runner alone consumes piped commands.
     */
    @Bean
    TerminalCustomizer kerbshellTerminal(LaunchContext launch) {
        return builder -> {
            if (launch.scripted()) {
                builder.system(false).streams(InputStream.nullInputStream(), launch.out()).type(Terminal.TYPE_DUMB).dumb(true)
                        .encoding(StandardCharsets.UTF_8);
            }
        };
    }

    @Bean
    CommandStatus commandStatus() {
        return new CommandStatus();
    }

    /** Scripted output goes straight to stdout, byte for byte: a terminal would turn "\n" into "\r\n". */
    @Bean
    Console console(LaunchContext launch, Terminal terminal) {
        PrintWriter out = terminal.writer();
        if (launch.scripted()) {
            Attributes attributes = terminal.getAttributes();
            attributes.setOutputFlag(Attributes.OutputFlag.OPOST, false);
            terminal.setAttributes(attributes);
            out = new PrintWriter(launch.out(), true, StandardCharsets.UTF_8);
        }
        return Console.of(launch, out);
    }

    /** Ahead of Spring Shell's own resolvers, so that every failure takes kerbshell's one path to stderr. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ErrorReporter errorReporter(Console console, CommandStatus status, LaunchContext launch) {
        return new ErrorReporter(console, status, launch.options().debug());
    }

    @Bean
    RenderableResultHandler renderableResultHandler(Console console, CommandStatus status) {
        return new RenderableResultHandler(console, status);
    }

    /** Primary: Spring Shell defines its own Shell bean unconditionally; the runners and completer must get this one. */
    @Bean
    @Primary
    KerbshellShell kerbshellShell(ResultHandlerService results, CommandCatalog catalog, Terminal terminal,
                         ShellConversionServiceSupplier conversion, ShellContext context,
                         ExitCodeMappings exitCodeMappings, Console console, CommandStatus status,
                         ErrorReporter errors, Journal journal, CommandHelp help, Cancellation cancellation) {
        KerbshellShell shell = new KerbshellShell(results, catalog, terminal, context, exitCodeMappings, console,
                status, errors, journal, help, cancellation);
        shell.setConversionService(conversion.get());
        return shell;
    }

    @Bean
    CommandHelp commandHelp(ObjectProvider<CommandCatalog> catalog, Terminal terminal) {
        return new CommandHelp(catalog::getObject, terminal);
    }

    @Bean
    Cancellation cancellation(LaunchContext launch) {
        return new Cancellation(!launch.scripted());
    }

    @Bean
    LeavingGuard leavingGuard(Terminal terminal, LaunchContext launch, Console console) {
        return new LeavingGuard(new Confirmation(terminal, launch, console));
    }

    @Bean
    InteractivePrompt interactivePrompt(LaunchContext launch, LineReader reader, PromptProvider prompt,
                                        KerbshellShell shell, ShellContext context) {
        return new InteractivePrompt(launch, reader, prompt, shell, context);
    }

    /**
     * The line reader splits lines as command files are split ({@link CommandLine}): backslashes kept, explain's
     * text taken as it is. Spring Shell defines its parser unconditionally, so it is replaced here.
     */
    @Bean
    static BeanPostProcessor kerbshellLineParser() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof Parser && !(bean instanceof LineParser)) {
                    return new LineParser();
                }
                return bean;
            }
        };
    }

    /** JLine's view of {@link CommandLine}. */
    static final class LineParser implements Parser {
        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            return CommandLine.parse(line, cursor, context);
        }
    }

    /** Every command accepts --json; the shell strips it before parsing, this makes help and completion show it. */
    @Bean
    CommandRegistrationCustomizer jsonOption() {
        return builder -> builder.withOption().longNames("json").type(boolean.class).required(false)
                .description("Print the result as JSON.").and();
    }

    /** The interactive history: private file, usage errors left out, off with KERBSHELL_HISTORY=off. */
    @Bean
    KerbshellHistory kerbshellHistory(LaunchContext launch, CommandStatus status) {
        return new KerbshellHistory(launch.files().historyFile(), launch.historyOn(),
                () -> status.current() == kerbshell.error.ExitStatus.USAGE);
    }

    /** A quoted word given to a list option is one value, whatever it contains (no splitting at commas). */
    @Bean
    WholeWordToList wholeWordToList() {
        return new WholeWordToList();
    }

    /** connect, built from the one declaration of the connection options. */
    @Bean
    CommandRegistration connectCommand(CommandRegistration.BuilderSupplier builder, SessionManager sessions,
                                       SessionBootstrap bootstrap, NameCompletion profileNameCompletion,
                                       NameCompletion userNameCompletion) {
        return new ConnectCommand(sessions, bootstrap).registration(builder.get(), profileNameCompletion,
                userNameCompletion);
    }

    /** Every session's writes are journaled, whichever way it was opened. */
    @Bean(destroyMethod = "close")
    SessionManager sessionManager(Journal journal, LeavingGuard leaving) {
        SessionManager sessions = new SessionManager(new DirectoryConnector());
        sessions.onChange(() -> sessions.currentIfOpen().ifPresent(session -> {
            session.observeWrites(leaving.watching(session, journal));
            journal.attach(session);
        }));
        return sessions;
    }

    @Bean
    Journal journal(LaunchContext launch) {
        return journalOf(launch);
    }

    /** The launch's journals (the domains' and the lab's), for the shell and for a one-shot command alike. */
    static Journal journalOf(LaunchContext launch) {
        return new Journal(launch.files().journalFile(), launch.files().labJournalFile(), Clock.systemUTC());
    }

    @Bean
    ComputerNames computerNames(SessionManager sessions) {
        ComputerNames names = new ComputerNames(Clock.systemUTC());
        sessions.onChange(names::invalidate);
        return names;
    }

    @Bean(HostNameCompletion.NAME)
    HostNameCompletion hostNameCompletion(SessionManager sessions, ComputerNames names) {
        return new HostNameCompletion(sessions, names);
    }

    @Bean(NameCompletion.SCENARIOS)
    NameCompletion scenarioNameCompletion(LaunchContext launch, ObjectProvider<KerbshellShell> shell) {
        return new NameCompletion(prefix -> ScenarioCommands.names(launch, new TrainingShell(shell.getObject())));
    }

    @Bean(NameCompletion.RECIPES)
    NameCompletion recipeNameCompletion(LaunchContext launch) {
        return new NameCompletion(prefix -> RecipeCommands.catalog(launch).names());
    }

    @Bean(NameCompletion.PROFILES)
    NameCompletion profileNameCompletion(LaunchContext launch) {
        return new NameCompletion(prefix -> ProfileCommands.store(launch).all().keySet());
    }

    @Bean(NameCompletion.USERS)
    NameCompletion userNameCompletion(SessionManager sessions) {
        return NameCompletion.users(sessions);
    }

    @Bean
    ShellNotes shellNotes(Console console, LaunchContext launch, ComputerNames names) {
        return new ShellNotes(console, launch, names);
    }

    @Bean
    SessionKerberos sessionKerberos(SessionManager sessions, SessionBootstrap bootstrap, LaunchContext launch) {
        return new SessionKerberos(sessions, principal -> bootstrap.passwords(launch.options().passwordFile())
                .forAccount(principal).get());
    }

    @Bean
    PasswordPrompt passwordPrompt(Terminal terminal, LaunchContext launch) {
        return new PasswordPrompt(terminal, launch);
    }

    @Bean
    SessionBootstrap sessionBootstrap(LaunchContext launch, SessionManager sessions, ErrorReporter errors,
                                      PasswordPrompt prompt, ObjectProvider<EarlySession> early) {
        return new SessionBootstrap(launch, sessions, errors, prompt, early.getIfAvailable(EarlySession::none));
    }

    @Bean
    ScriptedShellRunner scriptedShellRunner(LaunchContext launch, KerbshellShell shell, SessionBootstrap bootstrap,
                                            Console console, CommandStatus status, ErrorReporter errors,
                                            Cancellation cancellation) {
        return new ScriptedShellRunner(launch, shell, bootstrap, console, status, errors, cancellation);
    }

    /** kerbshell[corp.example as admin]> — always says where commands will go. */
    @Bean
    PromptProvider promptProvider(SessionManager sessions, LaunchContext launch) {
        return () -> {
            String where = sessions.currentIfOpen().map(s -> s.label()).orElse("not connected");
            String text = "kerbshell[" + where + "]> ";
            AttributedStyle style = where.contains("INSECURE") || where.equals("not connected")
                    ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)
                    : AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
            return launch.colour() ? new AttributedString(text, style) : new AttributedString(text);
        };
    }
}
