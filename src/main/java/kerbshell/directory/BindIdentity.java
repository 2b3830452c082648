package kerbshell.directory;

import kerbshell.error.KerbshellException;
import kerbshell.kerberos.CredentialFiles;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * Decides, before anything is sent, who the session will be: the --user given, or the principal of the keytab or
 * ticket cache when no user is given. A keytab or cache that belongs to someone other than --user is refused
 * naming both, because the DC authenticates the ticket, not the name typed beside it: binding with alice's ticket
 * while showing and journaling "opsadmin" would put opsadmin's name on alice's changes.
 */
public final class BindIdentity {
    private BindIdentity() {
    }

    /** The settings with the user they will really bind as; refuses incomplete or contradictory settings (exit 2). */
    public static ConnectionSettings settle(ConnectionSettings settings) {
        requireServerAndDomain(settings);
        if (settings.auth() == AuthMethod.GSSAPI && settings.keytab() != null) {
            readable(settings.keytab().toString(), "keytab", settings);
            return settleOn(settings, CredentialFiles.keytabPrincipals(settings.keytab()), "the keytab "
                    + settings.keytab());
        }
        if (settings.auth() == AuthMethod.GSSAPI && settings.ccache() != null) {
            readable(settings.ccache().toString(), "ticket cache", settings);
            return settleOn(settings, List.of(CredentialFiles.ccachePrincipal(settings.ccache())),
                    "the ticket cache " + settings.ccache());
        }
        if ((settings.keytab() != null || settings.ccache() != null) && settings.auth() != AuthMethod.GSSAPI) {
            throw KerbshellException.usage("a keytab or ticket cache is used by Kerberos: add --auth gssapi");
        }
        if (blank(settings.user())) {
            throw KerbshellException.usage("no user given for " + settings.server() + ": add --user with the "
                    + "account to bind as (or, with --auth gssapi, a --keytab or --ccache whose principal is used)");
        }
        requireDomain(settings);
        return settings;
    }

    private static ConnectionSettings settleOn(ConnectionSettings settings, List<String> principals, String source) {
        if (principals.isEmpty()) {
            throw KerbshellException.usage(source + " holds no principal: give another file");
        }
        if (blank(settings.user())) {
            if (principals.size() > 1) {
                throw KerbshellException.usage(source + " holds keys for several principals (" + String.join(", ",
                        principals) + "): choose one with --user");
            }
            String principal = principals.get(0);
            String realm = principal.substring(principal.lastIndexOf('@') + 1);
            String domain = blank(settings.domain()) ? realm.toLowerCase(Locale.ROOT) : settings.domain();
            ConnectionSettings settled = settings.withUser(principal.substring(0, principal.lastIndexOf('@')), domain);
            requireRealm(settled, principal, source);
            return settled;
        }
        requireDomain(settings);
        if (settings.user().contains("=")) {
            throw KerbshellException.usage("--user " + settings.user() + " is a DN, which Kerberos cannot use: give "
                    + "the logon name (name or name@domain), or leave --user out to use " + principals.get(0));
        }
        String wanted = settings.principal();
        if (principals.stream().noneMatch(p -> p.equalsIgnoreCase(wanted))) {
            throw KerbshellException.usage(source + " holds credentials of " + String.join(", ", principals)
                    + ", not of --user " + settings.user() + " (" + wanted + "): the DC would authenticate "
                    + principals.get(0) + "; give --user " + principals.get(0).substring(0,
                    principals.get(0).lastIndexOf('@')) + ", leave --user out, or give that user's own file");
        }
        return settings;
    }

    private static void requireRealm(ConnectionSettings settings, String principal, String source) {
        if (!principal.substring(principal.lastIndexOf('@') + 1).equalsIgnoreCase(settings.realm())) {
            throw KerbshellException.usage(source + " belongs to " + principal + ", of another realm than --domain "
                    + settings.domain() + " (" + settings.realm() + "): give that realm's --domain or another file");
        }
    }

    private static void requireServerAndDomain(ConnectionSettings settings) {
        if (blank(settings.server())) {
            throw KerbshellException.usage("no server given: add --server with the DC's host name");
        }
        if (settings.caFile() != null && !Files.isReadable(settings.caFile())) {
            throw KerbshellException.usage("the CA file " + settings.caFile() + " cannot be read: give a PEM file "
                    + "holding the CA certificate that issued the DC's certificate");
        }
    }

    private static void requireDomain(ConnectionSettings settings) {
        if (blank(settings.domain())) {
            throw KerbshellException.usage("no domain given: add --domain with the domain's DNS name, e.g. "
                    + "corp.example");
        }
    }

    private static void readable(String file, String what, ConnectionSettings settings) {
        if (!Files.isReadable(java.nio.file.Path.of(file))) {
            throw KerbshellException.usage("the " + what + " " + file + " cannot be read");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
