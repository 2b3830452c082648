package kerbshell.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;

import java.util.List;
import java.util.TreeSet;

/**
 * The user accounts' names (sAMAccountName) that start with what was typed, for tab completion. One bounded
 * search per completion instead of a cached list as for computers: a domain can have a hundred thousand users,
 * and sAMAccountName is indexed, so asking for the few that match the prefix is cheap where listing all is not.
 */
public final class UserNames {
    /** At most this many names per completion: more than a screen of choices, a small answer for any DC. */
    public static final int LIMIT = 200;
    private static final int TIME_LIMIT_SECONDS = 3;

    private UserNames() {
    }

    /** The user (not computer) accounts whose sAMAccountName starts with {@code prefix}, sorted; at most LIMIT. */
    public static List<String> startingWith(DirectorySession session, String prefix) {
        Filter name = prefix.isEmpty() ? Filter.createPresenceFilter(Ad.SAM_ACCOUNT_NAME)
                : Filter.createSubstringFilter(Ad.SAM_ACCOUNT_NAME, prefix, null, null);
        Filter users = Filter.createANDFilter(Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_USER),
                Filter.createNOTFilter(Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_COMPUTER)), name);
        SearchRequest request = new SearchRequest(session.baseDn(), SearchScope.SUB, users, Ad.SAM_ACCOUNT_NAME);
        request.setSizeLimit(LIMIT);
        request.setTimeLimitSeconds(TIME_LIMIT_SECONDS);
        SearchResult result;
        try {
            result = session.ldap().search(request);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED && e.getResultCode() != ResultCode.TIME_LIMIT_EXCEEDED) {
                throw LdapFailures.onOperation(e, "listing user names");
            }
            result = e.getSearchResult(); // the first LIMIT are enough to choose from
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "listing user names");
        }
        TreeSet<String> found = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (result.getSearchEntries() != null) {
            for (SearchResultEntry entry : result.getSearchEntries()) {
                String sam = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
                if (sam != null) {
                    found.add(sam);
                }
            }
        }
        return List.copyOf(found);
    }
}
