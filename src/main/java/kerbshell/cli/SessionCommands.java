package kerbshell.cli;

import kerbshell.directory.AccountResolver;
import kerbshell.directory.Account;
import kerbshell.directory.AuthMethod;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.SessionStatus;
import kerbshell.directory.StatusService;
import kerbshell.directory.TlsMode;
import kerbshell.output.Message;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

import java.nio.file.Path;

/** connect, disconnect, status and resolve: the session itself. */
@Command(group = "Session")
class SessionCommands {
    private final SessionManager sessions;
    private final SessionBootstrap bootstrap;

    SessionCommands(SessionManager sessions, SessionBootstrap bootstrap) {
        this.sessions = sessions;
        this.bootstrap = bootstrap;
    }

    @Command(command = "connect", description = "Open a session on a domain controller, replacing the current one.")
    Connected connect(
            @Option(longNames = "server", description = "Domain controller host name.") String server,
            @Option(longNames = "port", description = "LDAP port; default 636 for ldaps, 389 otherwise.") Integer port,
            @Option(longNames = "domain", description = "DNS name of the domain, e.g. corp.example.") String domain,
            @Option(longNames = "user", description = "Account to bind as: name, name@domain, DOMAIN\\name or DN.")
            String user,
            @Option(longNames = "auth", description = "simple (default) or gssapi (Kerberos).") String auth,
            @Option(longNames = "tls", description = "ldaps (default), starttls or none.") String tls,
            @Option(longNames = "ca-file", description = "PEM file of the CA that issued the DC's certificate.")
            String caFile,
            @Option(longNames = "insecure-tls", description = "Accept any certificate (lab use only).")
            boolean insecureTls,
            @Option(longNames = "keytab", description = "Keytab for --auth gssapi.") String keytab,
            @Option(longNames = "ccache", description = "Kerberos ticket cache for --auth gssapi.") String ccache,
            @Option(longNames = "kdc", description = "Kerberos KDC as HOST[:PORT] when it is not the DC.") String kdc,
            @Option(longNames = "password-file", description = "File holding the password (not world-readable).")
            String passwordFile,
            @Option(longNames = "profile", description = "Start from a saved profile's settings.") String profile) {
        LaunchOptions given = new LaunchOptions(server, port, domain, user,
                auth == null ? null : AuthMethod.parse(auth), tls == null ? null : TlsMode.parse(tls),
                path(caFile), insecureTls, path(keytab), path(ccache), kdc, path(passwordFile), profile, null,
                false, false, false, false, false, java.util.List.of());
        ConnectionSettings settings = bootstrap.settings(given);
        DirectorySession session = sessions.connect(settings,
                bootstrap.passwords(given.passwordFile()).forAccount(settings.bindName()));
        return Connected.of(session);
    }

    @Command(command = "disconnect", description = "Close the current session.")
    Message disconnect() {
        String label = sessions.current().label();
        sessions.disconnect();
        return new Message("disconnected from " + label);
    }

    @Command(command = "status", description = "Show the server, domain, functional levels, bound identity with its "
            + "groups, authentication and TLS state of the session.")
    SessionStatus status() {
        DirectorySession session = sessions.current();
        String kdc = session.isLab()
                ? sessions.lab().map(l -> l.kdcAddress()).orElse(null)
                : session.settings().kdcHost() + ":" + session.settings().kdcPort();
        return new StatusService(session, kdc).status();
    }

    @Command(command = "resolve", description = "Find the one account a name means: NetBIOS name, sAMAccountName, "
            + "DNS name, user principal name or DN.")
    Account resolve(@Option(required = true, description = "The name to resolve.")
                    @OptionValues(provider = HostNameCompletion.NAME) String name) {
        return new AccountResolver(sessions.current()).resolve(name);
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }

    /** What connect reports. */
    record Connected(String server, int port, String domain, String user, String auth, String transport,
                     String protection, boolean lab) implements kerbshell.output.Renderable {
        static Connected of(DirectorySession session) {
            ConnectionSettings s = session.settings();
            return new Connected(s.server(), s.effectivePort(), s.domain(), s.user(), s.auth().word(),
                    session.transport(), session.protection().words(), session.isLab());
        }

        @Override
        public void renderText(kerbshell.output.TextOut out) {
            out.line("connected to " + server + ":" + port + " (" + domain + ") as " + user + " with " + auth
                    + " bind; TLS: " + transport + "; protection: " + protection);
        }
    }
}
