package kerbshell.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;

import com.unboundid.ldap.sdk.ResultCode;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A subtree search in pages (AD returns at most 1000 entries per request otherwise), handing each entry to a
 * consumer as it arrives so that memory stays bounded however large the directory is.
 */
public final class PagedSearch {
    /** AD's default MaxPageSize: a DC returns at most this many entries a page, whatever is asked. */
    public static final int AD_PAGE_SIZE = 1000;

    private PagedSearch() {
    }

    /**
     * Streams every matching entry to a consumer, asking first in one unpaged search and in pages only when the
     * server limits it (AD answers sizeLimitExceeded after MaxPageSize entries): Samba serves paged results by
     * fetching every entry again, several times slower than an unpaged search, and sets no limit. When the
     * unpaged search is cut short, its consumer is dropped and the paged search starts over with a fresh one. On
     * a pool, the unpaged search's entries reach the consumer on the connection's reader thread
     * ({@link ReaderThreadSearch}); the paged search's on the caller's.
     */
    public static long forEachWhole(LDAPInterface ldap, String base, Filter filter,
                                    Supplier<Consumer<SearchResultEntry>> fresh, int pageSize, String... attributes)
            throws LDAPException {
        long[] count = {0};
        SearchResultListener listener = streaming(fresh.get(), count);
        ResultCode code;
        if (ldap instanceof LDAPConnectionPool pool) {
            code = ReaderThreadSearch.search(pool, base, filter, listener::searchEntryReturned, attributes)
                    .getResultCode();
        } else {
            try {
                ldap.search(new SearchRequest(listener, base, SearchScope.SUB, filter, attributes));
                code = ResultCode.SUCCESS;
            } catch (LDAPException e) {
                code = e.getResultCode();
                if (!cutShort(code)) {
                    throw e;
                }
            }
        }
        return cutShort(code) ? forEach(ldap, base, filter, fresh.get(), pageSize, attributes) : count[0];
    }

    /** The server's limit on the entries of one search: AD's MaxPageSize, or a size limit of its own. */
    static boolean cutShort(ResultCode code) {
        return code == ResultCode.SIZE_LIMIT_EXCEEDED || code == ResultCode.ADMIN_LIMIT_EXCEEDED;
    }

    /** Streams every matching entry to {@code each}; returns how many there were. */
    public static long forEach(LDAPInterface ldap, String base, Filter filter, Consumer<SearchResultEntry> each,
                               int pageSize, String... attributes) throws LDAPException {
        long[] count = {0};
        SearchResultListener listener = streaming(each, count);
        ASN1OctetString cookie = null;
        do {
            SearchRequest request = new SearchRequest(listener, base, SearchScope.SUB, filter, attributes);
            request.addControl(new SimplePagedResultsControl(pageSize, cookie));
            SearchResult result = ldap.search(request);
            SimplePagedResultsControl page = SimplePagedResultsControl.get(result);
            cookie = page == null ? null : page.getCookie();
        } while (cookie != null && cookie.getValueLength() > 0);
        return count[0];
    }

    /** Hands each entry to {@code each} as it arrives, counting them in {@code count[0]}. */
    private static SearchResultListener streaming(Consumer<SearchResultEntry> each, long[] count) {
        return new SearchResultListener() {
            @Override
            public void searchEntryReturned(SearchResultEntry entry) {
                count[0]++;
                each.accept(entry);
            }

            @Override
            public void searchReferenceReturned(SearchResultReference reference) {
                // Referrals to other partitions are outside this search.
            }
        };
    }
}
