package kerbshell.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.HostNames;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns LDAP and Kerberos failures into one sentence that names the object and the fix. Known failures become
 * plain words; anything else keeps the server's own text, so nothing is hidden.
 */
public final class LdapFailures {
    private static final Pattern AD_DATA = Pattern.compile("data ([0-9a-fA-F]{3})");
    // UnboundID's host name verifier lists what the certificate names: dnsName='dc1.corp.test' ipAddress='...'.
    private static final Pattern CERTIFICATE_NAME = Pattern.compile("(?:dnsName|ipAddress)='([^']+)'");
    // The JDK's and UnboundID's trust managers quote the subject: certificates 'CN=dc1.corp.test, O=...'.
    private static final Pattern CERTIFICATE_SUBJECT = Pattern.compile("[Cc]ertificates? '([^']+)'");

    private LdapFailures() {
    }

    /** A failure while opening a session: the directory could not be reached or did not authenticate us (exit 3). */
    public static KerbshellException onConnect(LDAPException e, ConnectionSettings settings) {
        String target = settings.server() + ":" + settings.effectivePort();
        String text = fullText(e);
        Throwable root = rootCause(e);
        if (root instanceof UnknownHostException) {
            return KerbshellException.unreachable("unknown server " + settings.server()
                    + ": the name does not resolve; check --server and DNS", e);
        }
        if (root instanceof SocketTimeoutException && !text.contains("connect timed out")
                && settings.tls() != TlsMode.NONE && !text.contains("bind")) {
            return KerbshellException.unreachable(target + " accepted the connection but did not complete the TLS "
                    + "handshake within " + settings.timeouts().tls().toSeconds() + " s: the DC is stalled or the "
                    + "port does not speak TLS (--tls " + settings.tls().word() + "); raise the limit with --timeout "
                    + "tls=SECONDS", e);
        }
        if (root instanceof SocketTimeoutException && text.contains("connect timed out")) {
            return KerbshellException.unreachable("cannot reach " + target + " (no TCP answer within "
                    + settings.timeouts().connect().toSeconds() + " s): the DC is down or the port is blocked; check "
                    + "--server and --port, or raise the limit with --timeout connect=SECONDS", e);
        }
        if (e.getResultCode() == ResultCode.TIMEOUT) {
            Timeouts limits = settings.timeouts();
            String phase = text.contains("extended") && settings.tls() == TlsMode.STARTTLS
                    ? "StartTLS (" + limits.tls().toSeconds() + " s)"
                    : text.contains("bind") ? "the bind (" + limits.bind().toSeconds() + " s)"
                    : "an operation (" + limits.operation().toSeconds() + " s)";
            return KerbshellException.unreachable(target + " did not answer within the time limit of " + phase
                    + ": the DC is stalled or overloaded; raise the limit with --timeout, or connect to another DC", e);
        }
        if (isTlsRejection(root, text)) {
            return KerbshellException.unreachable(tlsRejection(settings, target, root, e), e);
        }
        if (root instanceof ConnectException || root instanceof SocketTimeoutException
                || e.getResultCode() == ResultCode.CONNECT_ERROR || e.getResultCode() == ResultCode.TIMEOUT) {
            return KerbshellException.unreachable("cannot reach " + target + " (" + shortReason(root)
                    + "): the DC is down or the port is blocked; check --server, --port and --tls", e);
        }
        if (text.contains("80090346") && settings.auth() == AuthMethod.GSSAPI && settings.tls() != TlsMode.NONE) {
            // SEC_E_BAD_BINDINGS: the DC (AD with LDAP channel binding enforced, Samba 4.20+ by default) found no
            // or another TLS channel binding in the Kerberos authenticator than that of the TLS it terminates.
            return KerbshellException.unreachable(target + " refused the channel binding of this TLS connection "
                    + "(80090346, data 35b): kerbshell binds the Kerberos logon to the DC's certificate, so TLS must "
                    + "end at the DC, not at a proxy or load balancer in between; connect to the DC itself, or use "
                    + "--tls none with --auth gssapi, which seals every message", e);
        }
        if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
            return KerbshellException.unreachable(invalidCredentials(settings, text), e);
        }
        boolean strongAuthRequired = e.getResultCode() == ResultCode.STRONG_AUTH_REQUIRED
                || e.getResultCode() == ResultCode.CONFIDENTIALITY_REQUIRED
                || text.contains("transport encryption required");
        if (strongAuthRequired && settings.auth() == AuthMethod.GSSAPI && settings.tls() != TlsMode.NONE) {
            // Samba before 4.20 with "ldap server require strong auth = yes" (its default) wants a SASL
            // signing layer even inside TLS, and refuses that layer inside TLS too: no Kerberos bind over TLS
            // can succeed there. kerbshell offers no signing inside TLS because AD refuses it (MS-ADTS 5.1.2.1).
            return KerbshellException.unreachable(target + " refuses a Kerberos bind inside TLS (Samba before 4.20 "
                    + "asks for SASL signing there, which TLS rules out): use --tls none with --auth gssapi, which "
                    + "seals every message", e);
        }
        if (strongAuthRequired && settings.auth() == AuthMethod.SIMPLE) {
            return KerbshellException.unreachable(target + " refuses a simple bind without TLS: use --tls ldaps "
                    + "(or starttls), or --auth gssapi", e);
        }
        if (settings.auth() == AuthMethod.GSSAPI) {
            return KerbshellException.unreachable(kerberos(settings, text), e);
        }
        KerbshellException other = onOperation(e, target);
        return KerbshellException.unreachable(other.getMessage(), e);
    }

    /** A failure of an operation in an open session. */
    public static KerbshellException onOperation(LDAPException e, String what) {
        ResultCode code = e.getResultCode();
        if (code == ResultCode.SERVER_DOWN || code == ResultCode.CONNECT_ERROR) {
            return KerbshellException.unreachable("lost the connection while " + what
                    + ": the DC is down or unreachable; run connect again when it is back", e);
        }
        if (code == ResultCode.TIMEOUT) {
            return KerbshellException.unreachable("no answer from the DC while " + what + " within the operation "
                    + "timeout: the DC is stalled or overloaded; raise the limit with --timeout operation=SECONDS, or "
                    + "connect to another DC", e);
        }
        if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            return KerbshellException.failure("access denied while " + what
                    + ": the bound account lacks the right to do this", e);
        }
        String server = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getMessage();
        return KerbshellException.failure(what + " failed: " + code.getName() + ": " + server, e);
    }

    /** The innermost cause of a failure in a few words ("Connection refused"), for messages that name the target. */
    public static String reason(Throwable e) {
        Throwable root = rootCause(e);
        if (e instanceof LDAPException ldap && root == e) {
            return ldap.getResultCode().getName() + (ldap.getDiagnosticMessage() == null ? ""
                    : ": " + firstLine(ldap.getDiagnosticMessage()));
        }
        return shortReason(root);
    }

    private static String invalidCredentials(ConnectionSettings settings, String text) {
        String who = settings.auth() == AuthMethod.SIMPLE ? settings.bindName() : settings.principal();
        Matcher data = AD_DATA.matcher(text);
        String reason = data.find() ? switch (data.group(1).toLowerCase(Locale.ROOT)) {
            case "525" -> "the account does not exist";
            case "52e" -> "wrong user name or password";
            case "530", "531" -> "the account may not log on at this time or from this computer";
            case "532" -> "the password has expired";
            case "533" -> "the account is disabled";
            case "701" -> "the account has expired";
            case "773" -> "the password must be changed before first logon";
            case "775" -> "the account is locked out";
            default -> "the DC refused the credentials (data " + data.group(1) + ")";
        } : "wrong user name or password";
        return reason + " for " + who + ": check --user and the password (KERBSHELL_PASSWORD, --password-file "
                + "or the prompt)";
    }

    private static String kerberos(ConnectionSettings settings, String text) {
        String principal = settings.principal();
        String kdc = settings.kdcHost() + ":" + settings.kdcPort();
        if (text.contains("pre-authentication information was invalid") || text.contains("(24)")
                || text.contains("integrity check on decrypted field failed") || text.contains("(31)")) {
            return "wrong password for " + principal + " (the KDC at " + kdc + " refused pre-authentication)";
        }
        if (text.contains("client not found") || text.contains("(6)")) {
            return "the KDC at " + kdc + " does not know " + principal + ": check --user and --domain";
        }
        if (text.contains("cannot locate kdc") || text.contains("receive timed out")
                || text.contains("connection refused") || text.contains("cannot contact any kdc")) {
            return "cannot reach the KDC at " + kdc + ": give its address with --kdc HOST[:PORT]";
        }
        if (text.contains("server not found")) {
            if (HostNames.isAddress(settings.server())) {
                return "Kerberos needs the DC's DNS name, and " + settings.server() + " is an address the KDC has "
                        + "no ldap/ principal for (the DC did not name itself in its rootDSE): connect with --server "
                        + "set to the DC's DNS name (the dNSHostName of its computer account)";
            }
            return "the KDC has no ldap/ service principal for the DC: connect by the DC's DNS name";
        }
        if (text.contains("clock skew")) {
            return "clock skew too great between this machine and the KDC at " + kdc + ": sync the time";
        }
        if (text.contains("unable to obtain password") || text.contains("no valid credentials")
                || text.contains("unable to obtain princpal") || text.contains("unable to obtain principal")) {
            return "no Kerberos credentials for " + principal + ": check the keytab or ticket cache you gave";
        }
        return "Kerberos (GSSAPI) bind as " + principal + " failed: " + firstLine(text);
    }

    /**
     * Which of the two checks refused the certificate, in words: the name (the server was given by a name the
     * certificate does not carry) or the issuer (no trusted CA signed it).
     */
    private static String tlsRejection(ConnectionSettings settings, String target, Throwable root, Throwable e) {
        String text = fullTextOriginalCase(e);
        if (text.toLowerCase(Locale.ROOT).contains("hostname verification failed")) {
            List<String> names = new ArrayList<>();
            Matcher name = CERTIFICATE_NAME.matcher(text);
            while (name.find() && !names.contains(name.group(1))) {
                names.add(name.group(1));
            }
            return "the TLS certificate of " + target + " does not name " + settings.server()
                    + (names.isEmpty() ? "" : " (it names " + String.join(", ", names) + ")")
                    + ": connect with --server set to a name the certificate carries";
        }
        Matcher subject = CERTIFICATE_SUBJECT.matcher(text);
        boolean untrusted = text.contains("cannot be trusted") || text.contains("nor any of its issuers");
        if (untrusted) {
            String trust = settings.caFile() != null ? "the CA in " + settings.caFile() : "the system trust store";
            return "the TLS certificate of " + target + (subject.find() ? " (" + subject.group(1) + ")" : "")
                    + " is not trusted by " + trust + ": give the CA that issued it with --ca-file FILE.pem, or "
                    + "for a lab only, --insecure-tls";
        }
        return "the TLS certificate of " + target + " was rejected (" + shortReason(root) + "): give the CA that "
                + "issued it with --ca-file FILE.pem, or for a lab only, --insecure-tls";
    }

    private static boolean isTlsRejection(Throwable root, String text) {
        return root instanceof CertificateException || root instanceof SSLException
                || text.contains("pkix path") || text.contains("certificate")
                || text.contains("hostname") && text.contains("not");
    }

    private static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
            if (t instanceof LDAPException ldap && ldap.getDiagnosticMessage() != null) {
                text.append(' ').append(ldap.getDiagnosticMessage());
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static String fullTextOriginalCase(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        return text.toString();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String shortReason(Throwable root) {
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return firstLine(message);
    }

    private static String firstLine(String text) {
        String line = text.strip().split("\n", 2)[0];
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
