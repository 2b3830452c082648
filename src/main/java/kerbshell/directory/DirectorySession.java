package kerbshell.directory;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPInterface;

/**
 * One authenticated session with a directory: a small connection pool bound as the user, and what was learnt
 * when it opened. Services read and write through {@link #ldap()}, which is the same for the lab and a real DC.
 *
 * <p>Thread-safe: the pool hands each operation its own connection.
 */
public final class DirectorySession implements AutoCloseable {
    private final ConnectionSettings settings;
    private final LDAPConnectionPool pool;
    private final DomainInfo domain;
    private final String transport;
    private final boolean lab;

    DirectorySession(ConnectionSettings settings, LDAPConnectionPool pool, DomainInfo domain, String transport,
                     boolean lab) {
        this.settings = settings;
        this.pool = pool;
        this.domain = domain;
        this.transport = transport;
        this.lab = lab;
    }

    public LDAPInterface ldap() {
        return pool;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public DomainInfo domain() {
        return domain;
    }

    /** The base of searches for accounts: the domain's naming context. */
    public String baseDn() {
        return domain.defaultNamingContext();
    }

    /** How the connection is protected, in words: "LDAPS, certificate verified", "none", ... */
    public String transport() {
        return transport;
    }

    public boolean isLab() {
        return lab;
    }

    /** What the prompt shows: where you are and as whom, with a warning when TLS is not verified. */
    public String label() {
        String where = settings.domain() + " as " + shortUser();
        return settings.insecureTls() ? where + " INSECURE-TLS" : where;
    }

    private String shortUser() {
        String user = settings.user();
        if (user.contains("\\")) {
            return user.substring(user.indexOf('\\') + 1);
        }
        return user.contains("@") ? user.substring(0, user.indexOf('@')) : user;
    }

    DirectorySession asLab() {
        return new DirectorySession(settings, pool, domain, transport, true);
    }

    @Override
    public void close() {
        pool.close();
    }
}
