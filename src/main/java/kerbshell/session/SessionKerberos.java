package kerbshell.session;

import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectorySession;
import kerbshell.kerberos.KdcEndpoint;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketRequester;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Logs on to the session's KDC as the session's user or a named one, for commands that ask the KDC itself
 * (ticket get, check --tickets). On the lab, every account's secret is known to the lab; on a real domain the
 * session's keytab serves its own user, and any other credential comes from the password sources.
 */
public final class SessionKerberos {
    private final SessionManager sessions;
    private final Function<String, char[]> passwordFor;

    /** @param passwordFor asks for (or reads) the password of a principal; see PasswordSource */
    public SessionKerberos(SessionManager sessions, Function<String, char[]> passwordFor) {
        this.sessions = sessions;
        this.passwordFor = passwordFor;
    }

    /** @param user the account to log on as, or null for the session's own user */
    public KdcLogon logOn(String user) {
        DirectorySession session = sessions.current();
        if (session.isLab()) {
            return logOnToLab(session, user);
        }
        ConnectionSettings settings = session.settings();
        ServiceTicketRequester requester = new ServiceTicketRequester(
                KdcEndpoint.parse(settings.realm(), settings.kdcHost() + ":" + settings.kdcPort()));
        if (user == null && settings.keytab() != null) {
            return requester.logOn(settings.principal(), settings.keytab());
        }
        String principal = user == null ? settings.principal() : ConnectionSettings.principalOf(user, settings.realm());
        char[] password = passwordFor.apply(principal);
        try {
            return requester.logOn(principal, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private KdcLogon logOnToLab(DirectorySession session, String user) {
        return sessions.requireLab().logOn(session, user == null ? session.settings().user() : user);
    }
}
