package kerbshell.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import kerbshell.error.KerbshellException;

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
    private final DomainEnvironment environment;
    private final PoolFactory pools;
    private final String authorizationId;
    private LDAPConnectionPool globalCatalog;
    /** The Global Catalog being opened with the session, for a launch whose command searches the forest. */
    private GlobalCatalogAhead globalCatalogAhead;
    private WriteObserver writeObserver = WriteObserver.NONE;

    DirectorySession(ConnectionSettings settings, LDAPConnectionPool pool, DomainInfo domain, String transport,
                     SessionProtection protection, DomainEnvironment environment, PoolFactory pools,
                     String authorizationId) {
        this.settings = settings;
        this.authorizationId = authorizationId;
        this.pool = pool;
        this.domain = domain;
        this.transport = transport;
        this.protection = protection;
        this.environment = environment;
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
     * undone later; the observer sees the change first, and may refuse it by throwing. When the DC's answer is
     * lost (a timeout, a broken connection) the request may or may not have been applied: the observer reads the
     * entry back and says which, and only a change read back as applied counts as made.
     */
    public void apply(LdapChange change) throws LDAPException {
        if (change.isEmpty()) {
            return;
        }
        List<String> records = writeObserver.beforeWrite(this, change);
        try {
            pool.modify(change.toRequest());
        } catch (LDAPException e) {
            if (!e.getResultCode().isClientSideResultCode()) {
                writeObserver.afterWrite(records, false); // the DC answered: it refused the change
                throw e;
            }
            if (writeObserver.answerLost(this, records, e)) {
                return;
            }
            throw e;
        } catch (RuntimeException | Error e) {
            writeObserver.answerLost(this, records, new LDAPException(ResultCode.LOCAL_ERROR, e.toString(), e));
            throw e;
        }
        writeObserver.afterWrite(records, true);
    }

    /**
     * Reads an entry on a connection of its own, opened for this read: after a lost answer the pooled connection
     * may be the broken one. Null when the entry does not exist.
     */
    public SearchResultEntry readBack(String dn, String... attributes) throws LDAPException {
        if (pools == null) {
            return pool.getEntry(dn, attributes);
        }
        LDAPConnectionPool fresh = pools.open(settings.effectivePort(), 1);
        try {
            return fresh.getEntry(dn, attributes);
        } finally {
            fresh.close();
        }
    }

    /** The entry with this objectGUID in the domain, read on a connection of its own; null when there is none. */
    public SearchResultEntry readBackByGuid(byte[] guid, String... attributes) throws LDAPException {
        LDAPConnectionPool fresh = pools == null ? pool : pools.open(settings.effectivePort(), 1);
        try {
            SearchResult found = fresh.search(baseDn(), SearchScope.SUB,
                    Filter.createEqualityFilter(Ad.OBJECT_GUID, guid), attributes);
            return found.getEntryCount() == 1 ? found.getSearchEntries().get(0) : null;
        } finally {
            if (fresh != pool) {
                fresh.close();
            }
        }
    }

    /**
     * This session reopened on another port of the same server, with the same bind, identity and write observer:
     * for the lab after it moved, where the old port no longer answers. This one stays open for its owner to close.
     */
    public DirectorySession reopenedOn(int port) throws LDAPException {
        LDAPConnectionPool moved = pools.open(port, pool.getMaximumAvailableConnections());
        DirectorySession reopened = new DirectorySession(settings.withPort(port), moved, domain, transport, protection,
                environment, pools, authorizationId);
        reopened.writeObserver = writeObserver;
        return reopened;
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

        /**
         * The request was sent but its answer is lost: finds out (by reading the entry back) whether the DC
         * applied it. Returns true when it did; may throw to say, in one sentence, what is known instead.
         */
        default boolean answerLost(DirectorySession session, List<String> records, LDAPException lost) {
            return false;
        }
    }

    /** How the connection is protected, in words: "LDAPS, certificate verified", "none", ... */
    public String transport() {
        return transport;
    }

    /** What protects the messages of the bound session: TLS with channel binding, a GSSAPI layer, TLS alone. */
    public SessionProtection protection() {
        return protection;
    }

    /** What differs between the lab and a real DC, for this session: chosen when it opened. */
    public DomainEnvironment environment() {
        return environment;
    }

    /**
     * Who the DC authenticated: the Kerberos principal whose ticket or keys the bind used (checked against the
     * keytab or ticket cache before binding), or the name a successful simple bind proved. What the prompt, status
     * and the journal show.
     */
    public String identity() {
        String asked = settings.auth() == AuthMethod.GSSAPI ? settings.principal() : settings.bindName();
        String dcSays = whoAmIName(authorizationId);
        // The DC's own word wins: should it have authenticated someone else, that is who acts in this session.
        return dcSays != null && !dcSays.equalsIgnoreCase(shortName(asked)) ? authorizationId.substring(2) : asked;
    }

    /** The account name in a Who-am-I answer of AD's form "u:DOMAIN\\name", or null for other forms. */
    private static String whoAmIName(String authorizationId) {
        if (authorizationId == null || !authorizationId.startsWith("u:")) {
            return null;
        }
        String name = authorizationId.substring(2);
        return name.contains("\\") ? name.substring(name.indexOf('\\') + 1) : name;
    }

    /** The DC's own answer to LDAP "Who am I?" for this session ("u:CORP\\alice", "dn:CN=..."), or null. */
    public String authorizationId() {
        return authorizationId;
    }

    /** What the prompt shows: where you are and as whom, with a warning when TLS is not verified. */
    public String label() {
        String where = settings.domain() + " as " + shortUser();
        return settings.insecureTls() ? where + " INSECURE-TLS" : where;
    }

    private String shortUser() {
        return shortName(identity());
    }

    private static String shortName(String user) {
        if (user.contains("\\")) {
            return user.substring(user.indexOf('\\') + 1);
        }
        return user.contains("@") ? user.substring(0, user.indexOf('@')) : user;
    }

    /**
     * Where a search must look to cover the whole forest, as setspn -S does: the Global Catalog (--gc, else the
     * server on 3269 with LDAPS and 3268 otherwise; opened on first use with the same credentials) on a real DC;
     * the domain alone with --no-gc, saying so; the whole directory where it is the forest (the lab: one domain
     * without a GC).
     */
    public synchronized SearchView forest() {
        java.util.Optional<String> single = environment.singleDirectoryForest();
        if (single.isPresent()) {
            return new SearchView(pool, baseDn(), single.get(), pageSize(), false);
        }
        if (settings.noGc()) {
            return new SearchView(pool, baseDn(), "domain " + settings.domain() + " only (--no-gc: the check is "
                    + "domain-wide, not forest-wide)", pageSize(), false);
        }
        String gc = settings.gcHost() + ":" + settings.gcPort();
        if (globalCatalog == null) {
            try {
                globalCatalog = globalCatalogAhead != null ? globalCatalogAhead.await()
                        : pools.open(settings.gcHost(), settings.gcPort(), 2);
            } catch (LDAPException e) {
                throw KerbshellException.unreachable("cannot open the Global Catalog at " + gc + " ("
                        + LdapFailures.reason(e) + "), which forest-wide checks search: "
                        + "give its address with --gc HOST[:PORT], or --no-gc to search domain " + settings.domain()
                        + " only", e);
            }
        }
        return new SearchView(globalCatalog, "", "the Global Catalog at " + gc, pageSize(), true);
    }

    /** The domain's naming context, on the session's own connection. */
    public SearchView domainView() {
        return new SearchView(pool, baseDn(), "domain " + settings.domain(), pageSize(), false);
    }

    /** Any subtree of the domain (an OU), on the session's own connection. */
    public SearchView below(String base) {
        return new SearchView(pool, base, base, pageSize(), false);
    }

    private int pageSize() {
        return environment.pageSize();
    }

    /**
     * A search base, the connection to search it on, and the page size to ask for.
     *
     * @param globalCatalog whether it is a Global Catalog, so that its failures name the GC and not the DC
     */
    public record SearchView(LDAPInterface ldap, String base, String description, int pageSize,
                             boolean globalCatalog) {
        /** Streams every matching entry to {@code each}, page by page; returns how many there were. */
        public long forEach(Filter filter, Consumer<SearchResultEntry> each, String... attributes)
                throws LDAPException {
            try {
                return PagedSearch.forEach(ldap, base, filter, each, pageSize, attributes);
            } catch (LDAPException e) {
                throw stopped(e);
            }
        }

        /**
         * Streams every matching entry, unpaged when the server allows it ({@link PagedSearch#forEachWhole});
         * {@code fresh} gives the consumer, again when the search has to start over in pages.
         */
        public long forEachWhole(Filter filter, java.util.function.Supplier<Consumer<SearchResultEntry>> fresh,
                                 String... attributes) throws LDAPException {
            try {
                return PagedSearch.forEachWhole(ldap, base, filter, fresh, pageSize, attributes);
            } catch (LDAPException e) {
                throw stopped(e);
            }
        }

        private LDAPException stopped(LDAPException e) {
            ResultCode code = e.getResultCode();
            if (globalCatalog && (code == ResultCode.SERVER_DOWN || code == ResultCode.CONNECT_ERROR
                    || code == ResultCode.TIMEOUT)) {
                throw KerbshellException.unreachable(description + " stopped answering (" + code.getName()
                        + ") while searching the forest: give another GC with --gc HOST[:PORT], or --no-gc to "
                        + "search this domain only", e);
            }
            return e;
        }
    }

    /** Takes the Global Catalog the connector began to open with the session. */
    synchronized void globalCatalogAhead(GlobalCatalogAhead opening) {
        this.globalCatalogAhead = opening;
    }

    @Override
    public synchronized void close() {
        pool.close();
        if (globalCatalog != null) {
            globalCatalog.close();
        } else if (globalCatalogAhead != null) {
            globalCatalogAhead.closeWhenOpen();
        }
    }
}
