package kerbshell.cli;

import kerbshell.config.ConnectionOption;
import kerbshell.config.ConnectionOptions;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectorySession;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.CommandRegistration;

import java.nio.file.Path;

/**
 * {@code connect}: registered from {@link ConnectionOption}, so that it takes exactly the launch line's connection
 * options, with the same names, help and parsing.
 */
@Example(value = "connect --server dc1.corp.example --domain corp.example --user CORP\\admin",
        says = "Opens a session on dc1 over LDAPS as CORP\\admin, asking for the password.",
        notOnLab = "needs a real domain controller")
@Example(value = "connect --profile corp", says = "Opens the session saved as profile corp.",
        notOnLab = "needs a saved profile and its DC")
final class ConnectCommand {
    private static final String PASSWORD_FILE = "password-file";
    private static final String PROFILE = "profile";

    private final SessionManager sessions;
    private final SessionBootstrap bootstrap;

    ConnectCommand(SessionManager sessions, SessionBootstrap bootstrap) {
        this.sessions = sessions;
        this.bootstrap = bootstrap;
    }

    /**
     * @param profiles completes --profile
     * @param users    completes --user from the directory of the session now open
     */
    CommandRegistration registration(CommandRegistration.Builder builder, NameCompletion profiles,
                                     NameCompletion users) {
        builder.command("connect").group("Session")
                .description("Open a session on a domain controller, replacing the current one.");
        for (ConnectionOption option : ConnectionOption.values()) {
            // An enum-valued option (--tls, --auth) is typed as its enum: its values are checked and completed.
            Class<?> type = option.isFlag() ? boolean.class : option.choiceType().isPresent()
                    ? option.choiceType().get() : String.class;
            CommandRegistration.OptionSpec spec = builder.withOption().longNames(option.key()).type(type)
                    .required(false).description(sentence(option.help()));
            if (option == ConnectionOption.USER) {
                spec.completion(users::apply);
            }
            spec.and();
        }
        builder.withOption().longNames(PASSWORD_FILE).type(String.class).required(false)
                .description("File holding the password (not world-readable).").and();
        builder.withOption().longNames(PROFILE).type(String.class).required(false).completion(profiles::apply)
                .description("Start from a saved profile's settings.").and();
        return builder.withTarget().function(this::connect).and().build();
    }

    private SessionCommands.Connected connect(CommandContext context) {
        ConnectionOptions.Builder given = new ConnectionOptions.Builder();
        for (ConnectionOption option : ConnectionOption.values()) {
            Object value = context.getOptionValue(option.key());
            if (option.isFlag() ? Boolean.TRUE.equals(value) : value != null) {
                // An enum value comes back as its constant; its name is the word the option parses.
                option.apply(given, option.isFlag() ? null : value instanceof Enum<?> word ? word.name()
                        : value.toString());
            }
        }
        String passwordFile = context.getOptionValue(PASSWORD_FILE);
        LaunchOptions options = new LaunchOptions(given.build(), passwordFile == null ? null : Path.of(passwordFile),
                context.getOptionValue(PROFILE), null, null, false, false, false, false, false, java.util.List.of());
        ConnectionSettings settings = bootstrap.settings(options);
        DirectorySession session = sessions.connect(settings,
                bootstrap.passwords(options.passwordFile()).forAccount(settings.bindName()));
        return SessionCommands.Connected.of(session);
    }

    private static String sentence(String help) {
        return Character.toUpperCase(help.charAt(0)) + help.substring(1) + ".";
    }
}
