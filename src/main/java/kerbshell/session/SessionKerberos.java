package kerbshell.session;

import kerbshell.directory.Account;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KdcEndpoint;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketRequester;
import kerbshell.lab.LabDirectory;
import kerbshell.lab.LabDomain;

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
        LabDomain lab = sessions.requireLab();
        Account account = new AccountResolver(session).resolve(user == null ? session.settings().user() : user);
        String secret = lab.directory().secretOf(account.dn());
        if (secret == null) {
            throw KerbshellException.failure(account.samAccountName() + " has no password in the lab, so it has no "
                    + "keys and cannot log on");
        }
        ServiceTicketRequester requester = new ServiceTicketRequester(
                new KdcEndpoint(LabDirectory.REALM, "127.0.0.1", lab.kdc().port(), KdcEndpoint.Transport.TCP));
        return requester.logOn(account.samAccountName() + "@" + LabDirectory.REALM, secret.toCharArray());
    }
}
