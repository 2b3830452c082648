package kerbshell.kerberos;

import kerbshell.error.KerbshellException;
import com.sun.security.jgss.ExtendedGSSCredential;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.LoginException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proves constrained delegation as a host exercises it: logs on as the host from its keytab, asks the KDC for a
 * ticket to itself in a user's name (S4U2Self) and exchanges it for one to the target service (S4U2Proxy), then
 * reports the KDC's answer. Uses the JDK's own Kerberos, which implements both; Apache Kerby, behind the lab's KDC,
 * implements neither.
 *
 * <p>The JDK keeps one Kerberos configuration per process: the KDC is registered in kerbshell's generated
 * krb5.conf ({@link Krb5Conf}), which asks for forwardable tickets (S4U2Proxy needs a forwardable TGT), and the
 * login reloads it.
 */
public final class S4uProof {
    private static final String KRB5_MECHANISM = "1.2.840.113554.1.2.2";
    private static final String KRB5_PRINCIPAL_NAME = "1.2.840.113554.1.2.2.1";
    private static final Pattern CODE = Pattern.compile("\\((\\d+)\\)\\s*$");
    private static final String NOT_FORWARDABLE = "S4U2self ticket must be FORWARDABLE";
    private static final String[] FLAG_NAMES = {"reserved", "forwardable", "forwarded", "proxiable", "proxy",
            "may-postdate", "postdated", "invalid", "renewable", "initial", "pre-authent", "hw-authent",
            "transited-policy-checked", "ok-as-delegate"};

    private final KdcEndpoint kdc;

    public S4uProof(KdcEndpoint kdc) {
        this.kdc = kdc;
    }

    /**
     * @param host the host's principal, e.g. {@code HV01$@CORP.EXAMPLE}
     * @param user the user to act for, with or without {@code @REALM}
     * @param spn  the target service, e.g. {@code cifs/hv02.corp.example}
     */
    public S4uResult prove(String host, Path keytab, String user, String spn) {
        if (!Files.isReadable(keytab)) {
            throw KerbshellException.failure("the keytab " + keytab + " cannot be read; check the path and its "
                    + "permissions");
        }
        Krb5Conf.useFor(kdc.realm(), kdc.host(), kdc.port());
        String userPrincipal = user.contains("@") ? user : user + "@" + kdc.realm();
        String target = spn.contains("@") ? spn : spn + "@" + kdc.realm();
        Subject subject = logOn(host, keytab);
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<S4uResult>) () -> exchange(subject, host,
                    userPrincipal, spn, target));
        } catch (PrivilegedActionException e) {
            throw KerbshellException.failure("S4U as " + host + " failed unexpectedly: " + e.getException().getMessage(),
                    e.getException());
        }
    }

    private S4uResult exchange(Subject subject, String host, String user, String spn, String target) throws GSSException {
        GSSManager manager = GSSManager.getInstance();
        Oid mechanism = new Oid(KRB5_MECHANISM);
        GSSCredential own = manager.createCredential(null, GSSCredential.DEFAULT_LIFETIME, mechanism,
                GSSCredential.INITIATE_ONLY);
        GSSCredential impersonated;
        try {
            impersonated = ((ExtendedGSSCredential) own).impersonate(manager.createName(user, GSSName.NT_USER_NAME));
        } catch (GSSException e) {
            return refused(host, user, spn, "S4U2Self", e);
        }
        GSSContext context = manager.createContext(manager.createName(target, new Oid(KRB5_PRINCIPAL_NAME)), mechanism,
                impersonated, GSSContext.DEFAULT_LIFETIME);
        try {
            context.requestMutualAuth(false);
            context.initSecContext(new byte[0], 0, 0);
        } catch (GSSException e) {
            return refused(host, user, spn, "S4U2Proxy", e);
        } finally {
            context.dispose();
        }
        return new S4uResult(host, user, spn, true, null, null, null, null, issued(subject, user, target));
    }

    /** The JDK keeps the service ticket it obtained in the subject: the KDC's own statement of what it issued. */
    private static S4uResult.Ticket issued(Subject subject, String user, String target) {
        for (KerberosTicket ticket : subject.getPrivateCredentials(KerberosTicket.class)) {
            if (ticket.getServer().getName().equalsIgnoreCase(target)
                    && ticket.getClient().getName().equalsIgnoreCase(user)) {
                List<String> flags = new ArrayList<>();
                boolean[] bits = ticket.getFlags();
                for (int i = 1; i < Math.min(bits.length, FLAG_NAMES.length); i++) {
                    if (bits[i]) {
                        flags.add(FLAG_NAMES[i]);
                    }
                }
                return new S4uResult.Ticket(ticket.getClient().getName(), ticket.getServer().getName(),
                        encryptionType(ticket.getSessionKeyType()), ticket.getEndTime().toInstant(), flags);
            }
        }
        return new S4uResult.Ticket(user, target, null, null, List.of());
    }

    private S4uResult refused(String host, String user, String spn, String stage, GSSException e) {
        String message = kdcMessage(e);
        Integer code = code(message);
        String explanation = message.contains(NOT_FORWARDABLE)
                ? "the KDC gave " + host + " only a non-forwardable ticket in " + user + "'s name (S4U2Self), which "
                + "S4U2Proxy cannot use: " + host + " is trusted for Kerberos only (no protocol transition), or "
                + user + " is sensitive and cannot be delegated (NOT_DELEGATED) or is in Protected Users"
                : explain(code, host, user, spn, stage);
        return new S4uResult(host, user, spn, false, stage, code, message, explanation, null);
    }

    private static String explain(Integer code, String host, String user, String spn, String stage) {
        if (code == null) {
            return "the JDK's Kerberos stopped before the KDC answered; the message above says why";
        }
        return switch (code) {
            case 6 -> "the KDC knows no account " + user;
            case 7 -> HostNames.isAddress(HostNames.hostOfSpn(spn))
                    ? KdcErrors.addressSpn(spn)
                    : "the KDC finds no single account holding " + spn + ": register it on the target host";
            case 12 -> "a KDC policy refused it (Protected Users, an authentication policy, or resource-based "
                    + "delegation refusing " + host + ")";
            case 13 -> "S4U2Proxy".equals(stage)
                    ? "the KDC does not let " + host + " delegate to " + spn + ": it is not in " + host
                    + "'s msDS-AllowedToDelegateTo, and the target's msDS-AllowedToActOnBehalfOfOtherIdentity does "
                    + "not allow " + host + " either, or " + user + " may not be delegated"
                    : "the KDC refused " + host + " a ticket in " + user + "'s name";
            case 14 -> "the KDC and the accounts share no encryption type: give them AES keys";
            default -> "the KDC refused it with error " + code;
        };
    }

    /** The innermost message that carries the KDC's error, e.g. "KDC cannot accommodate requested option (13)". */
    private static String kdcMessage(GSSException e) {
        String message = e.getMajorString();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getClass().getName().endsWith("KrbException")) {
                return cause.getMessage();
            }
        }
        String minor = e.getMinorString();
        return minor != null ? minor : message;
    }

    private static Integer code(String message) {
        Matcher m = CODE.matcher(message);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private Subject logOn(String host, Path keytab) {
        Map<String, String> options = Map.of("useKeyTab", "true", "keyTab", keytab.toString(), "principal", host,
                "storeKey", "true", "doNotPrompt", "true", "isInitiator", "true", "refreshKrb5Config", "true",
                "useTicketCache", "false");
        try {
            return JdkKerberosLogin.logIn("kerbshell-s4u", options, null);
        } catch (LoginException e) {
            throw KerbshellException.failure(host + " could not log on to the KDC at " + kdc.address() + " with the "
                    + "keytab " + keytab + " (" + e.getMessage() + "); check that the keytab holds a current AES key "
                    + "for " + host, e);
        }
    }

    private static String encryptionType(int type) {
        return switch (type) {
            case 17 -> "aes128-cts-hmac-sha1-96";
            case 18 -> "aes256-cts-hmac-sha1-96";
            case 19 -> "aes128-cts-hmac-sha256-128";
            case 20 -> "aes256-cts-hmac-sha384-192";
            case 23 -> "rc4-hmac";
            default -> "etype " + type;
        };
    }
}
