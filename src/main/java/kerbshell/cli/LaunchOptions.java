package kerbshell.cli;

import kerbshell.directory.AuthMethod;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.TlsMode;
import kerbshell.error.KerbshellException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that come before the command: where to connect, where commands come from, how to print. Parsed
 * by hand because they decide how the shell itself starts.
 */
public record LaunchOptions(String server, Integer port, String domain, String user, AuthMethod auth, TlsMode tls,
                            Path caFile, boolean insecureTls, Path keytab, Path ccache, String kdc,
                            Path passwordFile, String profile, Path file, boolean keepGoing, boolean json,
                            boolean debug, boolean help, boolean version, List<String> command) {

    static final String USAGE = """
            Usage: kerbshell [OPTIONS] [COMMAND [ARGS...]]

            With no command, opens the interactive shell; with a command, runs it and exits;
            with --file F (or commands piped on stdin), runs every line of F in one session.
            Without --server or --profile, everything runs on the built-in lab domain lab.test.

            Connection (before the command):
              --server HOST          domain controller to connect to
              --port N               LDAP port (default 636 with --tls ldaps, 389 otherwise)
              --domain DNS-NAME      the domain, e.g. corp.example (also gives the Kerberos realm)
              --user NAME            account to bind as (name, name@domain, DOMAIN\\name or DN)
              --auth simple|gssapi   LDAP simple bind (default) or Kerberos
              --tls ldaps|starttls|none   transport protection (default ldaps)
              --ca-file FILE         PEM file of the CA that issued the DC's certificate
              --insecure-tls         accept any certificate (lab use only; shown in the prompt)
              --keytab FILE          Kerberos keytab for --auth gssapi
              --ccache FILE          Kerberos ticket cache for --auth gssapi (default: KRB5CCNAME)
              --kdc HOST[:PORT]      Kerberos KDC, when it is not the DC given with --server
              --password-file FILE   file holding the password (must not be world-readable)
              --profile NAME         connection settings saved with 'profile save NAME'
            Passwords never go on the command line: KERBSHELL_PASSWORD, --password-file, a keytab,
            a ticket cache, or a masked prompt on a terminal.

            Running:
              --file FILE            run the commands in FILE, one per line (# comments allowed)
              --keep-going           with --file or stdin: go on after a failing command
              --json                 print every result as JSON (one document per command)
              --debug                show stack traces and debug logs on errors
              --help, --version

            Exit status: 0 ok, 1 a command found a problem or failed, 2 usage error.
            Run 'kerbshell help' for the commands, 'kerbshell help COMMAND' for one.
            """;

    /** Launch options that take no value, and those that take one: also what the completion scripts offer. */
    static final List<String> FLAG_OPTIONS = List.of("--insecure-tls", "--keep-going", "--json", "--debug", "--help",
            "--version");
    static final List<String> VALUE_OPTIONS = List.of("--server", "--port", "--domain", "--user", "--auth", "--tls",
            "--ca-file", "--keytab", "--ccache", "--kdc", "--password-file", "--profile", "--file");

    /** Parses the leading options; everything from the first word that is not an option on is the command. */
    public static LaunchOptions parse(String[] args) {
        Builder b = new Builder();
        int i = 0;
        while (i < args.length && args[i].startsWith("-") && !args[i].equals("-")) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            i++;
            switch (name) {
                case "--insecure-tls" -> b.insecureTls = true;
                case "--keep-going" -> b.keepGoing = true;
                case "--json" -> b.json = true;
                case "--debug" -> b.debug = true;
                case "--help", "-h" -> b.help = true;
                case "--version" -> b.version = true;
                case "--password", "-p", "--pass", "--passwd" -> throw KerbshellException.usage("there is no "
                        + name + " option, so that passwords never show in process lists or shell history: set "
                        + "KERBSHELL_PASSWORD, give --password-file FILE, or use --keytab/--ccache with --auth gssapi");
                default -> {
                    if (inline == null && i >= args.length) {
                        throw KerbshellException.usage(name + " needs a value (see kerbshell --help)");
                    }
                    String value = inline != null ? inline : args[i++];
                    b.set(name, value);
                }
            }
        }
        List<String> command = new ArrayList<>(List.of(args).subList(i, args.length));
        return b.build(command);
    }

    /** Whether the options name a DC (directly or through a profile) instead of the built-in lab. */
    public boolean namesServer() {
        return server != null || profile != null;
    }

    /** Connection settings from the options, on top of a profile's when one is named. */
    public ConnectionSettings settings(ConnectionSettings profileSettings) {
        ConnectionSettings base = profileSettings != null ? profileSettings
                : new ConnectionSettings(null, null, null, null, null, null, null, false, null, null, null);
        return new ConnectionSettings(pick(server, base.server()), pick(port, base.port()),
                pick(domain, base.domain()), pick(user, base.user()), pick(auth, base.auth()), pick(tls, base.tls()),
                pick(caFile, base.caFile()), insecureTls || base.insecureTls(), pick(keytab, base.keytab()),
                pick(ccache, base.ccache()), pick(kdc, base.kdc()));
    }

    private static <T> T pick(T given, T fallback) {
        return given != null ? given : fallback;
    }

    private static final class Builder {
        String server;
        Integer port;
        String domain;
        String user;
        AuthMethod auth;
        TlsMode tls;
        Path caFile;
        boolean insecureTls;
        Path keytab;
        Path ccache;
        String kdc;
        Path passwordFile;
        String profile;
        Path file;
        boolean keepGoing;
        boolean json;
        boolean debug;
        boolean help;
        boolean version;

        void set(String name, String value) {
            switch (name) {
                case "--server" -> server = value;
                case "--port" -> port = parsePort(value);
                case "--domain" -> domain = value;
                case "--user" -> user = value;
                case "--auth" -> auth = AuthMethod.parse(value);
                case "--tls" -> tls = TlsMode.parse(value);
                case "--ca-file" -> caFile = Path.of(value);
                case "--keytab" -> keytab = Path.of(value);
                case "--ccache" -> ccache = Path.of(value.startsWith("FILE:") ? value.substring(5) : value);
                case "--kdc" -> kdc = value;
                case "--password-file" -> passwordFile = Path.of(value);
                case "--profile" -> profile = value;
                case "--file" -> file = Path.of(value);
                default -> throw KerbshellException.usage("unknown option " + name + ": options before the command "
                        + "are listed by 'kerbshell --help'; a command's own options go after it");
            }
        }

        LaunchOptions build(List<String> command) {
            return new LaunchOptions(server, port, domain, user, auth, tls, caFile, insecureTls, keytab, ccache,
                    kdc, passwordFile, profile, file, keepGoing, json, debug, help, version, command);
        }
    }

    static Integer parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw KerbshellException.usage("--port must be a number from 1 to 65535, not '" + value + "'");
        }
    }
}
