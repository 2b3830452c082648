package kerbshell.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.SearchResultEntry;

import java.util.List;
import java.util.function.Consumer;

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
    private final SessionProtection protection;
    /**
     * UnboundID's in-memory server evaluates and copies the whole result again for every page, so paging through
     * the lab in AD's page size would cost time quadratic in its size; the lab is asked for pages larger than any
     * lab gets, and kerbshell still streams the entries as they arrive.
     */
    private static final int LAB_PAGE_SIZE = 250_000;

    private final boolean lab;
    private final PoolFactory pools;
    private LDAPConnectionPool globalCatalog;
    private WriteObserver writeObserver = WriteObserver.NONE;

    DirectorySession(ConnectionSettings settings, LDAPConnectionPool pool, DomainInfo domain, String transport,
                     SessionProtection protection, boolean lab, PoolFactory pools) {
        this.settings = settings;
        this.pool = pool;
        this.domain = domain;
        this.transport = transport;
        this.protection = protection;
        this.lab = lab;
        this.pools = pools;
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

    /**
     * Every write of every command goes through here, so that each one can be journaled before it is made and
     * undone later; the observer sees the change first, and may refuse it by throwing.
     */
    public void apply(LdapChange change) throws LDAPException {
        if (change.isEmpty()) {
            return;
        }
        List<String> records = writeObserver.beforeWrite(this, change);
        boolean written = false;
        try {
            pool.modify(change.toRequest());
            written = true;
        } finally {
            writeObserver.afterWrite(records, written);
        }
    }

    /** Sets who is told of each write before it is made (the journal). */
    public void observeWrites(WriteObserver observer) {
        this.writeObserver = observer;
    }

    /** Told of each write before it is sent, and then whether the DC took it. */
    public interface WriteObserver {
        WriteObserver NONE = new WriteObserver() {
            @Override
            public List<String> beforeWrite(DirectorySession session, LdapChange change) {
                return List.of();
            }

            @Override
            public void afterWrite(List<String> records, boolean written) {
            }
        };

        /** Returns ids of what it recorded, handed back to {@link #afterWrite}. */
        List<String> beforeWrite(DirectorySession session, LdapChange change) throws LDAPException;

        void afterWrite(List<String> records, boolean written);
    }

    /** How the connection is protected, in words: "LDAPS, certificate verified", "none", ... */
    public String transport() {
        return transport;
    }

    /** What protects the messages of the bound session: TLS with channel binding, a GSSAPI layer, TLS alone. */
    public SessionProtection protection() {
        return protection;
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

    /**
     * Where a search must look to cover the whole forest, as setspn -S does: the Global Catalog (port 3269 with
     * LDAPS, 3268 otherwise, opened on first use with the same credentials) on a real DC; the whole directory
     * in the lab, which is a one-domain forest without a GC.
     */
    public synchronized SearchView forest() {
        if (lab) {
            return new SearchView(pool, baseDn(), "the lab directory", LAB_PAGE_SIZE);
        }
        if (globalCatalog == null) {
            int port = settings.tls() == TlsMode.LDAPS ? 3269 : 3268;
            try {
                globalCatalog = pools.open(port, 2);
            } catch (LDAPException e) {
                throw LdapFailures.onOperation(e, "opening the Global Catalog on " + settings.server() + ":" + port
                        + " (needed to search the whole forest)");
            }
        }
        return new SearchView(globalCatalog, "", "the Global Catalog of " + settings.server(), pageSize());
    }

    /** The domain's naming context, on the session's own connection. */
    public SearchView domainView() {
        return new SearchView(pool, baseDn(), "domain " + settings.domain(), pageSize());
    }

    /** Any subtree of the domain (an OU), on the session's own connection. */
    public SearchView below(String base) {
        return new SearchView(pool, base, base, pageSize());
    }

    private int pageSize() {
        return lab ? LAB_PAGE_SIZE : PagedSearch.AD_PAGE_SIZE;
    }

    /** A search base, the connection to search it on, and the page size to ask for. */
    public record SearchView(LDAPInterface ldap, String base, String description, int pageSize) {
        /** Streams every matching entry to {@code each}, page by page; returns how many there were. */
        public long forEach(Filter filter, Consumer<SearchResultEntry> each, String... attributes)
                throws LDAPException {
            return PagedSearch.forEach(ldap, base, filter, each, pageSize, attributes);
        }
    }

    DirectorySession asLab() {
        return new DirectorySession(settings, pool, domain, transport, protection, true, pools);
    }

    @Override
    public synchronized void close() {
        pool.close();
        if (globalCatalog != null) {
            globalCatalog.close();
        }
    }
}
