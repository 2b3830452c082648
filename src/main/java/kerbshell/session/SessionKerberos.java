package kerbshell.session;

import kerbshell.directory.DirectorySession;
import kerbshell.kerberos.KdcLogon;

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
        return session.environment().logOn(session, user, passwordFor);
    }
}
