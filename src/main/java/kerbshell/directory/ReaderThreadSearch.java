package kerbshell.directory;

import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One search on a pool's connection whose entries reach the consumer on that connection's own reader thread, as
 * UnboundID's asynchronous API delivers them, while the caller waits for the result. Its synchronous search has
 * the reader put each entry on a queue and wakes the caller to take it off: for a forest-wide SPN scan, 20,000
 * hand-offs between two threads, about 40 ms of a 230 ms transfer on two cores (docs/benchmarks.md). What the
 * synchronous search does is kept: the operation time limit runs from one answer to the next (an entry or the
 * result), not over the whole search; an interrupt (Ctrl-C) ends the wait at once; a result other than success is
 * thrown as {@link LDAPSearchException}. A consumer that throws stops the search (abandoned, its connection
 * replaced) and its exception reaches the caller.
 */
final class ReaderThreadSearch implements AsyncSearchResultListener {
    private static final long serialVersionUID = 1L;

    private final transient Consumer<SearchResultEntry> each;
    private final transient CompletableFuture<SearchResult> result = new CompletableFuture<>();
    private volatile long lastAnswer = System.nanoTime();
    private volatile long entries;

    private ReaderThreadSearch(Consumer<SearchResultEntry> each) {
        this.each = each;
    }

    /**
     * Searches the subtree under {@code base} on one of the pool's connections; returns the result (success, or a
     * size or administrative limit the caller may page around), and throws every other outcome. The pool's
     * connections must be in asynchronous mode, as every pool kerbshell opens is (DirectoryConnector's options);
     * one in synchronous mode refuses the search.
     */
    static SearchResult search(LDAPConnectionPool pool, String base, Filter filter, Consumer<SearchResultEntry> each,
                               String... attributes) throws LDAPException {
        LDAPConnection connection = pool.getConnection();
        ReaderThreadSearch search = new ReaderThreadSearch(each);
        boolean reusable = false;
        try {
            SearchResult done = search.await(connection, new SearchRequest(search, base, SearchScope.SUB, filter,
                    attributes));
            reusable = true;
            return done;
        } catch (LDAPSearchException e) {
            // A result the server sent leaves the connection as it was; a search given up here (time limit,
            // interrupt) may still send answers, which go with the connection.
            reusable = e.getResultCode().isConnectionUsable() && e.getResultCode() != ResultCode.TIMEOUT
                    && e.getResultCode() != ResultCode.USER_CANCELED;
            throw e;
        } finally {
            if (reusable) {
                pool.releaseConnection(connection);
            } else {
                pool.releaseDefunctConnection(connection);
            }
        }
    }

    private SearchResult await(LDAPConnection connection, SearchRequest request) throws LDAPException {
        long limit = TimeUnit.MILLISECONDS.toNanos(connection.getConnectionOptions()
                .getResponseTimeoutMillis(OperationType.SEARCH));
        request.setResponseTimeoutMillis(0); // its limit would run over the whole search: kept here between answers
        AsyncRequestID id = connection.asyncSearch(request);
        try {
            while (true) {
                long left = limit <= 0 ? Long.MAX_VALUE : lastAnswer + limit - System.nanoTime();
                if (left <= 0) {
                    throw new LDAPSearchException(ResultCode.TIMEOUT, "no answer from " + connection.getHostPort()
                            + " within " + TimeUnit.NANOSECONDS.toMillis(limit) + " ms while searching " + request
                            .getBaseDN() + " (" + entries + " entries so far)");
                }
                try {
                    SearchResult done = result.get(left, TimeUnit.NANOSECONDS);
                    return outcome(done);
                } catch (TimeoutException e) {
                    // an entry may have come meanwhile: the limit runs from the last answer
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LDAPSearchException(ResultCode.USER_CANCELED, "interrupted while searching "
                    + request.getBaseDN(), e);
        } catch (ExecutionException e) {
            throw consumerFailure(e);
        } finally {
            if (result.cancel(false)) { // given up here: what the reader still hands over is dropped
                abandonQuietly(connection, id);
            }
        }
    }

    /** What the consumer threw, out of the future that carried it. */
    private static RuntimeException consumerFailure(ExecutionException e) {
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
    }

    private static SearchResult outcome(SearchResult done) throws LDAPSearchException {
        if (done.getResultCode() == ResultCode.SUCCESS || PagedSearch.cutShort(done.getResultCode())) {
            return done;
        }
        throw new LDAPSearchException(done);
    }

    private static void abandonQuietly(LDAPConnection connection, AsyncRequestID id) {
        try {
            connection.abandon(id);
        } catch (LDAPException e) {
            // the connection is dropped from the pool either way
        }
    }

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
        lastAnswer = System.nanoTime();
        if (result.isDone()) {
            return; // the consumer failed, or the caller gave up waiting: the rest is dropped
        }
        try {
            each.accept(entry);
            entries++; // only the reader thread writes it
        } catch (RuntimeException | Error failure) {
            result.completeExceptionally(failure);
        }
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {
        lastAnswer = System.nanoTime(); // referrals to other partitions are outside this search
    }

    @Override
    public void searchResultReceived(AsyncRequestID requestID, SearchResult searchResult) {
        result.complete(searchResult);
    }
}
