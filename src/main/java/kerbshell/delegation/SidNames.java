package kerbshell.delegation;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;
import kerbshell.directory.Sid;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Names the accounts behind SIDs found in security descriptors: the domain's accounts, and well-known SIDs. */
final class SidNames {
    private static final Map<String, String> WELL_KNOWN = Map.of(
            Ad.SID_BUILTIN_ADMINISTRATORS, "BUILTIN\\Administrators", "S-1-1-0", "Everyone",
            "S-1-5-11", "Authenticated Users", "S-1-5-18", "SYSTEM", "S-1-5-7", "ANONYMOUS LOGON");

    private final DirectorySession session;
    private final Map<String, Named> cache = new HashMap<>();

    SidNames(DirectorySession session) {
        this.session = session;
    }

    /** A SID and, when the directory knows it, the account's name and DN (both null for an orphaned SID). */
    record Named(String sid, String name, String dn) {
    }

    Named of(Sid sid) {
        return cache.computeIfAbsent(sid.value(), key -> lookUp(sid));
    }

    private Named lookUp(Sid sid) {
        String known = WELL_KNOWN.get(sid.value());
        if (known != null) {
            return new Named(sid.value(), known, null);
        }
        try {
            // objectSid is compared as bytes: the lab's schema (and any directory) matches the binary form.
            List<SearchResultEntry> found = session.ldap().search(session.baseDn(), SearchScope.SUB,
                    Filter.createEqualityFilter(Ad.OBJECT_SID, sid.toBytes()), Ad.SAM_ACCOUNT_NAME).getSearchEntries();
            if (found.isEmpty()) {
                return new Named(sid.value(), null, null);
            }
            return new Named(sid.value(), found.get(0).getAttributeValue(Ad.SAM_ACCOUNT_NAME), found.get(0).getDN());
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "looking up the account with SID " + sid);
        }
    }
}
