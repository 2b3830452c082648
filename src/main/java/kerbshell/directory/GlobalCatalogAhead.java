package kerbshell.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The Global Catalog opened on a thread of its own while the DC session opens, for a one-shot command that
 * searches the forest first thing (spn duplicates): its TCP connect and TLS handshake overlap the DC's instead
 * of following them. It binds only once the DC has taken the same credentials (a wrong password is tried once,
 * as before), with the bind request the DC's connection ended up with. Its failure is kept and reported where
 * the session reports it, when the forest is first searched; a catalog nobody used is closed with the session.
 */
final class GlobalCatalogAhead {
    private final CompletableFuture<PoolFactory> dcBound = new CompletableFuture<>();
    private final CompletableFuture<LDAPConnectionPool> opened = new CompletableFuture<>();

    private GlobalCatalogAhead() {
    }

    static GlobalCatalogAhead start(PoolFactory connecting, ConnectionSettings settings) {
        GlobalCatalogAhead ahead = new GlobalCatalogAhead();
        Thread thread = new Thread(() -> ahead.open(connecting, settings), "kerbshell-global-catalog");
        thread.setDaemon(true);
        thread.start();
        return ahead;
    }

    private void open(PoolFactory connecting, ConnectionSettings settings) {
        LDAPConnection connection;
        try {
            connection = connecting.connectUnbound(settings.gcHost(), settings.gcPort());
        } catch (Throwable failure) {
            opened.completeExceptionally(failure);
            return;
        }
        PoolFactory binding;
        try {
            binding = dcBound.get();
        } catch (Exception e) {
            connection.close(); // the DC refused the credentials, or its session failed: nothing is bound here
            opened.completeExceptionally(new LDAPException(ResultCode.CONNECT_ERROR,
                    "the session's own connection did not open", e));
            return;
        }
        try {
            opened.complete(binding.pool(connection, 2));
        } catch (Throwable failure) {
            opened.completeExceptionally(failure);
        }
    }

    /** The DC took the credentials: bind with {@code pools}' bind request. */
    void dcBound(PoolFactory pools) {
        dcBound.complete(pools);
    }

    /** The DC's session did not open: close the catalog's connection unbound. */
    void abandon() {
        dcBound.completeExceptionally(new IllegalStateException("the session did not open"));
        closeWhenOpen();
    }

    /** The catalog once it is open, or what opening it threw. */
    LDAPConnectionPool await() throws LDAPException {
        try {
            return opened.get();
        } catch (InterruptedException e) {
            closeWhenOpen();
            Thread.currentThread().interrupt();
            throw new LDAPException(ResultCode.USER_CANCELED, "interrupted while opening the Global Catalog", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LDAPException ldap) {
                throw ldap;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    void closeWhenOpen() {
        opened.thenAccept(LDAPConnectionPool::close);
    }
}
