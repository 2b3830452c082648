package kerbshell.cli;

import kerbshell.config.ConnectionOption;
import kerbshell.config.ConnectionOptions;
import kerbshell.directory.ConnectionSettings;
import kerbshell.error.KerbshellException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The options that come before the command: where to connect ({@link ConnectionOption}, declared once for the
 * launch line, {@code connect} and profiles), where commands come from, how to print. Parsed by hand because they
 * decide how the shell itself starts.
 */
public record LaunchOptions(ConnectionOptions connection, Path passwordFile, String profile, Integer labPort, Path file,
                            boolean keepGoing, boolean json, boolean debug, boolean help, boolean version,
                            List<String> command) {

    static final String USAGE = """
            Usage: kerbshell [OPTIONS] [COMMAND [ARGS...]]

            With no command, opens the interactive shell; with a command, runs it and exits;
            with --file F (or commands piped on stdin), runs every line of F in one session.
            Without --server or --profile, everything runs on the built-in lab domain lab.test,
            and connection options without one of them are a usage error.

            Connection (before the command):
            %s  --password-file FILE   file holding the password (must not be world-readable)
              --profile NAME         connection settings saved with 'profile save NAME'
              --lab-port PORT        open the built-in lab with its LDAP on this loopback port,
                                     for outside tools such as ldapsearch (default: a free port)
            Passwords never go on the command line: KERBSHELL_PASSWORD, --password-file, a keytab,
            a ticket cache, or a masked prompt on a terminal. TLS certificates must name the
            server as given (its subjectAltNames, for addresses too); a simple bind is refused
            without TLS before the password is sent.

            Running:
              --file FILE            run the commands in FILE, one per line (# comments allowed)
              --keep-going           with --file or stdin: go on after a failing command
              --json                 print every result as JSON (one document per command)
              --debug                show stack traces and debug logs on errors
              --help, --version

            Exit status: 0 ok, 1 a command found a problem or was refused, 2 usage error,
            3 could not reach or authenticate to the directory (DC, Global Catalog or KDC).
            Run 'kerbshell help' for the commands, 'kerbshell help COMMAND' for one.
            """.formatted(ConnectionOption.usageLines());

    /** Launch options that take no value, and those that take one: also what the completion scripts offer. */
    static final List<String> FLAG_OPTIONS = Stream.concat(connectionNames(true),
            Stream.of("--keep-going", "--json", "--debug", "--help", "--version")).toList();
    static final List<String> VALUE_OPTIONS = Stream.concat(connectionNames(false),
            Stream.of("--password-file", "--profile", "--lab-port", "--file")).toList();

    private static Stream<String> connectionNames(boolean flags) {
        return Arrays.stream(ConnectionOption.values()).filter(o -> o.isFlag() == flags)
                .map(ConnectionOption::longName);
    }

    /** Parses the leading options; everything from the first word that is not an option on is the command. */
    public static LaunchOptions parse(String[] args) {
        ConnectionOptions.Builder connection = new ConnectionOptions.Builder();
        Path passwordFile = null;
        String profile = null;
        Integer labPort = null;
        Path file = null;
        boolean keepGoing = false;
        boolean json = false;
        boolean debug = false;
        boolean help = false;
        boolean version = false;
        int i = 0;
        while (i < args.length && args[i].startsWith("-") && !args[i].equals("-")) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            i++;
            ConnectionOption option = ConnectionOption.byLongName(name).orElse(null);
            if (option != null && option.isFlag()) {
                option.apply(connection, null);
                continue;
            }
            switch (name) {
                case "--keep-going" -> keepGoing = true;
                case "--json" -> json = true;
                case "--debug" -> debug = true;
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--password", "-p", "--pass", "--passwd" -> throw KerbshellException.usage("there is no "
                        + name + " option, so that passwords never show in process lists or shell history: set "
                        + "KERBSHELL_PASSWORD, give --password-file FILE, or use --keytab/--ccache with --auth gssapi");
                default -> {
                    if (option == null && !List.of("--password-file", "--profile", "--lab-port", "--file")
                            .contains(name)) {
                        throw KerbshellException.usage("unknown option " + name + ": options before the command "
                                + "are listed by 'kerbshell --help'; a command's own options go after it");
                    }
                    if (inline == null && i >= args.length) {
                        throw KerbshellException.usage(name + " needs a value (see kerbshell --help)");
                    }
                    String value = inline != null ? inline : args[i++];
                    switch (name) {
                        case "--password-file" -> passwordFile = Path.of(value);
                        case "--profile" -> profile = value;
                        case "--lab-port" -> labPort = port(value);
                        case "--file" -> file = Path.of(value);
                        default -> option.apply(connection, value);
                    }
                }
            }
        }
        List<String> command = new ArrayList<>(List.of(args).subList(i, args.length));
        LaunchOptions options = new LaunchOptions(connection.build(), passwordFile, profile, labPort, file, keepGoing,
                json, debug, help, version, command);
        options.requireTarget();
        return options;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the one message below
        }
        throw KerbshellException.usage("--lab-port needs a port number from 1 to 65535, not '" + value + "'");
    }

    /** The port the lab's LDAP opens on: --lab-port, or 0 for a free one. */
    int labLdapPort() {
        return labPort == null ? 0 : labPort;
    }

    /**
     * Connection options without --server or --profile would silently run the command on the built-in lab: a
     * write meant for a domain would land in the lab. They are a usage error instead.
     */
    void requireTarget() {
        if (labPort != null && namesServer()) {
            throw KerbshellException.usage("--lab-port opens the built-in lab, but --server or --profile names a DC: "
                    + "leave one of them out");
        }
        if (help || version || namesServer()) {
            return;
        }
        List<String> given = new ArrayList<>();
        for (ConnectionOption option : ConnectionOption.values()) {
            if (isGiven(option)) {
                given.add(option.longName());
            }
        }
        if (passwordFile != null) {
            given.add("--password-file");
        }
        if (!given.isEmpty()) {
            throw KerbshellException.usage(String.join(", ", given) + (given.size() == 1 ? " is a connection option"
                    : " are connection options") + " but no --server or --profile names a DC: add --server HOST, "
                    + "or leave them out to work on the built-in lab");
        }
    }

    private boolean isGiven(ConnectionOption option) {
        return switch (option) {
            case SERVER -> connection.server() != null;
            case PORT -> connection.port() != null;
            case DOMAIN -> connection.domain() != null;
            case USER -> connection.user() != null;
            case AUTH -> connection.auth() != null;
            case TLS -> connection.tls() != null;
            case CA_FILE -> connection.caFile() != null;
            case INSECURE_TLS -> connection.insecureTls() != null;
            case KEYTAB -> connection.keytab() != null;
            case CCACHE -> connection.ccache() != null;
            case KDC -> connection.kdc() != null;
            case GC -> connection.gc() != null;
            case NO_GC -> connection.noGc() != null;
            case TIMEOUT -> connection.timeout() != null;
        };
    }

    /** Commands that never touch a session: their output is the same on any domain and without one. */
    private static final Set<String> NO_SESSION = Set.of("explain", "help", "completion",
            "completion-names", "debug");

    /**
     * A one-shot command that reads no directory, on the lab (no --server): the lab is not started for it, which
     * saves its start-up (about 0.3 s) for {@code explain}, {@code help} and {@code completion}.
     */
    public boolean needsNoSession() {
        return !command.isEmpty() && !namesServer() && NO_SESSION.contains(command.get(0));
    }

    /** Whether the options name a DC (directly or through a profile) instead of the built-in lab. */
    public boolean namesServer() {
        return connection.server() != null || profile != null;
    }

    /** Connection settings from the options, on top of a profile's when one is named. */
    public ConnectionSettings settings(ConnectionOptions profileOptions) {
        return connection.over(profileOptions != null ? profileOptions : ConnectionOptions.NONE).toSettings();
    }
}
