package kerbshell.delegation;

import kerbshell.directory.Account;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KdcEndpoint;
import kerbshell.kerberos.S4uProof;
import kerbshell.kerberos.S4uResult;
import kerbshell.spn.Spn;

import java.nio.file.Path;

/**
 * {@code ticket s4u}: asks the session's KDC, as a host holding its keytab, for a ticket to a service in a user's
 * name, which the KDC issues exactly when the directory lets that host delegate that user to that service. What
 * an administrator runs from any Linux box with a host keytab to prove a delegation change took effect.
 */
public final class DelegationProof {
    private final DirectorySession session;

    public DelegationProof(DirectorySession session) {
        this.session = session;
    }

    /** @param host a host name the resolver understands, or a principal with {@code @REALM} taken as it is */
    public S4uResult prove(String host, Path keytab, String user, String spn) {
        session.environment().s4uUnavailable().ifPresent(why -> {
            throw KerbshellException.failure(why);
        });
        ConnectionSettings settings = session.settings();
        String principal = host.contains("@") ? host : principalOf(new AccountResolver(session).resolve(host), settings);
        KdcEndpoint kdc = KdcEndpoint.parse(settings.realm(), session.environment().kdcAddress(settings));
        return new S4uProof(kdc).prove(principal, keytab, user, Spn.parse(spn).toString());
    }

    private static String principalOf(Account account, ConnectionSettings settings) {
        return account.samAccountName() + "@" + settings.realm();
    }
}
