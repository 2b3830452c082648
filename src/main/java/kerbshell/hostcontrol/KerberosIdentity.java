package kerbshell.hostcontrol;

import kerbshell.error.KerbshellException;
import kerbshell.kerberos.JdkKerberosLogin;
import kerbshell.kerberos.Krb5Conf;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The session's Kerberos identity as the JDK's Kerberos needs it to authenticate to another service (WinRM): a
 * logon from the session's keytab, its ticket cache, or its user's password (asked for through kerbshell's password
 * sources, never the command line). The KDC is registered in kerbshell's generated krb5.conf ({@link Krb5Conf}).
 *
 * @param principal  user@REALM
 * @param kdcHost    the realm's KDC
 * @param keytab     log on with this keytab, or null
 * @param ccache     use the ticket-granting ticket in this ticket cache, or null
 * @param password   asked only when there is neither keytab nor ticket cache
 */
public record KerberosIdentity(String principal, String realm, String kdcHost, int kdcPort, Path keytab, Path ccache,
                               Supplier<char[]> password) {
    private static final String KRB5_MECHANISM = "1.2.840.113554.1.2.2";

    /** Logs on and returns a credential that initiates Kerberos contexts from any thread. */
    public GSSCredential logOn() {
        Krb5Conf.useFor(realm, kdcHost, kdcPort);
        Map<String, String> options = new HashMap<>();
        options.put("principal", principal);
        options.put("isInitiator", "true");
        options.put("refreshKrb5Config", "true");
        options.put("storeKey", "false");
        char[] secret = null;
        String how;
        if (keytab != null) {
            if (!Files.isReadable(keytab)) {
                throw KerbshellException.failure("the keytab " + keytab + " cannot be read; check the path and its "
                        + "permissions");
            }
            options.put("useKeyTab", "true");
            options.put("keyTab", keytab.toString());
            options.put("doNotPrompt", "true");
            how = "the keytab " + keytab;
        } else if (ccache != null) {
            options.put("useTicketCache", "true");
            options.put("ticketCache", ccache.toString());
            options.put("doNotPrompt", "true");
            how = "the ticket cache " + ccache;
        } else {
            secret = password.get();
            how = "its password";
        }
        char[] typed = secret;
        CallbackHandler callbacks = (Callback[] all) -> {
            for (Callback callback : all) {
                if (callback instanceof NameCallback name) {
                    name.setName(principal);
                } else if (callback instanceof PasswordCallback pass && typed != null) {
                    pass.setPassword(typed);
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        };
        try {
            Subject subject = JdkKerberosLogin.logIn("kerbshell-hostcontrol", options, callbacks);
            return Subject.doAs(subject, (PrivilegedExceptionAction<GSSCredential>) () -> GSSManager.getInstance()
                    .createCredential(null, GSSCredential.DEFAULT_LIFETIME, new Oid(KRB5_MECHANISM),
                            GSSCredential.INITIATE_ONLY));
        } catch (LoginException e) {
            throw KerbshellException.failure(principal + " could not log on to the KDC at " + kdcHost + ":" + kdcPort
                    + " with " + how + " (" + e.getMessage() + ")", e);
        } catch (PrivilegedActionException e) {
            GSSException cause = (GSSException) e.getException();
            throw KerbshellException.failure("the Kerberos logon of " + principal + " gave no usable credential ("
                    + cause.getMessage() + ")", cause);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }
}
