package kerbshell.directory;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.file.Path;

/**
 * Where and how to connect: everything a profile may hold. Never a password: secrets come from the
 * environment, a protected file, a keytab, a ticket cache or a prompt, and are not part of the settings.
 *
 * @param server   DC host name or address
 * @param port     LDAP port, or null for the TLS mode's default (636 for LDAPS, 389 otherwise)
 * @param domain   DNS name of the domain, e.g. corp.example; also gives the Kerberos realm
 * @param user     account to bind as: name, name@domain, DOMAIN\name or a DN
 * @param kdc      Kerberos KDC as host[:port], or null for the server itself
 * @param timeouts limits of each phase of talking to the DC; null for {@link Timeouts#DEFAULT}
 * @param gc       the Global Catalog as host[:port], or null for the server itself on 3269 (LDAPS) or 3268
 * @param noGc     search the domain only, never a Global Catalog: forest-wide checks become domain-wide
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionSettings(String server, Integer port, String domain, String user, AuthMethod auth,
                                 TlsMode tls, Path caFile, boolean insecureTls, Path keytab, Path ccache,
                                 String kdc, Timeouts timeouts, String gc, boolean noGc) {

    public ConnectionSettings {
        auth = auth == null ? AuthMethod.SIMPLE : auth;
        tls = tls == null ? TlsMode.LDAPS : tls;
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
    }

    public ConnectionSettings(String server, Integer port, String domain, String user, AuthMethod auth,
                              TlsMode tls, Path caFile, boolean insecureTls, Path keytab, Path ccache, String kdc) {
        this(server, port, domain, user, auth, tls, caFile, insecureTls, keytab, ccache, kdc, null, null, false);
    }

    public ConnectionSettings withUser(String newUser, String newDomain) {
        return new ConnectionSettings(server, port, newDomain, newUser, auth, tls, caFile, insecureTls, keytab, ccache,
                kdc, timeouts, gc, noGc);
    }

    public ConnectionSettings withPort(int newPort) {
        return new ConnectionSettings(server, newPort, domain, user, auth, tls, caFile, insecureTls, keytab, ccache,
                kdc, timeouts, gc, noGc);
    }

    public ConnectionSettings withCcache(Path newCcache) {
        return new ConnectionSettings(server, port, domain, user, auth, tls, caFile, insecureTls, keytab, newCcache,
                kdc, timeouts, gc, noGc);
    }

    /** The Global Catalog's host: the --gc host, else the server. */
    public String gcHost() {
        return gc == null ? server : HostPort.host(gc);
    }

    /** The Global Catalog's port: the --gc port, else 3269 with LDAPS and 3268 otherwise. */
    public int gcPort() {
        Integer given = gc == null ? null : HostPort.port(gc);
        return given != null ? given : tls == TlsMode.LDAPS ? 3269 : 3268;
    }

    public int effectivePort() {
        return port != null ? port : tls.defaultPort();
    }

    /** The Kerberos realm: the domain's DNS name in upper case, as AD names it. */
    public String realm() {
        return domain == null ? null : domain.toUpperCase();
    }

    public String kdcHost() {
        return kdc != null ? HostPort.host(kdc) : server;
    }

    public int kdcPort() {
        Integer given = kdc == null ? null : HostPort.port(kdc);
        return given != null ? given : 88;
    }

    /** The name a simple bind sends: AD takes a UPN, DOMAIN\name or a DN; a bare name gets @domain. */
    public String bindName() {
        if (user.contains("@") || user.contains("\\") || user.contains("=") || domain == null) {
            return user;
        }
        return user + "@" + domain;
    }

    /** The Kerberos principal of the user. */
    public String principal() {
        return principalOf(user, realm());
    }

    /** A user's Kerberos principal: name@REALM from name, name@domain or DOMAIN\name. */
    public static String principalOf(String user, String realm) {
        if (user.contains("@")) {
            String[] parts = user.split("@", 2);
            return parts[0] + "@" + parts[1].toUpperCase();
        }
        String name = user.contains("\\") ? user.substring(user.indexOf('\\') + 1) : user;
        return name + "@" + realm;
    }

    /** Whether a secret typed or stored by the user is needed (a keytab or ticket cache stands in for one). */
    public boolean needsPassword() {
        return !(auth == AuthMethod.GSSAPI && (keytab != null || ccache != null));
    }
}
