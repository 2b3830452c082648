package kerbshell.cli;

import kerbshell.directory.AccountResolver;
import kerbshell.directory.Account;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.SessionStatus;
import kerbshell.directory.StatusService;
import kerbshell.output.Message;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;


/** disconnect, status and resolve: the session itself ({@link ConnectCommand} opens it). */
@Command(group = "Session")
public class SessionCommands {
    private final SessionManager sessions;
    private final SessionBootstrap bootstrap;

    SessionCommands(SessionManager sessions, SessionBootstrap bootstrap) {
        this.sessions = sessions;
        this.bootstrap = bootstrap;
    }

    @Example(value = "disconnect", says = "Closes the current session; 'lab start' or 'connect' opens another.")
    @Command(command = "disconnect", description = "Close the current session.")
    Message disconnect() {
        String label = sessions.current().label();
        sessions.disconnect();
        return new Message("disconnected from " + label);
    }

    @Example(value = "status",
            says = "Shows the server, domain, bound identity with its groups, authentication and TLS of the session.")
    @Example(value = "status --json", says = "The same as JSON.")
    @Command(command = "status", description = "Show the server, domain, functional levels, bound identity with its "
            + "groups, authentication and TLS state of the session.")
    SessionStatus status() {
        return status(sessions.current());
    }

    /** What status shows of a session; also run without the shell ({@link OneShotWithoutShell}). */
    static SessionStatus status(DirectorySession session) {
        return new StatusService(session, session.environment().kdcAddress(session.settings())).status();
    }

    @Example(value = "resolve HV01", says = "Shows the one account HV01 names, with its DN and SID.")
    @Example(value = "resolve LAB\\alice", says = "Resolves a DOMAIN\\user name as typed.")
    @Command(command = "resolve", description = "Find the one account a name means: NetBIOS name, sAMAccountName, "
            + "DNS name, user principal name or DN.")
    Account resolve(@Option(required = true, description = "The name to resolve.")
                    @OptionValues(provider = HostNameCompletion.NAME) String name) {
        return new AccountResolver(sessions.current()).resolve(name);
    }

    /**
     * What connect reports.
     *
     * @param user     the account bound as, as given (or as the keytab or ticket cache names it)
     * @param identity who the DC authenticated: the Kerberos principal or the name the bind proved
     */
    record Connected(String server, int port, String domain, String user, String identity, String auth,
                     String transport, String protection, boolean lab) implements kerbshell.output.Renderable {
        static Connected of(DirectorySession session) {
            ConnectionSettings s = session.settings();
            return new Connected(s.server(), s.effectivePort(), s.domain(), s.user(), session.identity(),
                    s.auth().word(), session.transport(), session.protection().words(),
                    session.environment().isLab());
        }

        @Override
        public void renderText(kerbshell.output.TextOut out) {
            out.line("connected to " + server + ":" + port + " (" + domain + ") as " + identity + " with " + auth
                    + " bind; TLS: " + transport + "; protection: " + protection);
        }
    }
}
