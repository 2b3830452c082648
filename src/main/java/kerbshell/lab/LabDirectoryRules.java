package kerbshell.lab;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.StaticUtils;
import kerbshell.directory.Ad;
import kerbshell.directory.Sid;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the in-memory directory answer like an AD domain controller where kerbshell depends on it: SPNs and
 * sAMAccountNames are unique (AD's own error codes), new security principals get an objectSid, binds accept
 * the names AD accepts and refuse disabled accounts, memberOf is computed, secrets are never returned, and the
 * rootDSE carries currentTime.
 *
 * <p>The uniqueness checks read the directory through {@code system}, which bypasses these rules; they are a
 * check-then-write, so two clients writing the same SPN at the same instant could both pass. The lab serves one
 * user, and AD itself has the same window between DCs (the replication collisions {@code spn duplicates} finds).
 */
final class LabDirectoryRules extends InMemoryOperationInterceptor {
    static final String SECRET_ATTRIBUTE = "userPassword";

    private final String baseDn;
    private final Sid domainSid;
    private final AtomicLong nextRid = new AtomicLong(1200);
    private volatile LDAPInterface system;

    LabDirectoryRules(String baseDn, Sid domainSid) {
        this.baseDn = baseDn;
        this.domainSid = domainSid;
    }

    void attach(LDAPInterface system) {
        this.system = system;
    }

    @Override
    public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
        Entry entry = request.getRequest().toEntry();
        String dn = entry.getDN();
        if (entry.hasAttribute(Ad.SAM_ACCOUNT_NAME)) {
            requireUniqueAccountName(dn, entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME));
        }
        String[] spns = entry.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME);
        if (spns != null) {
            requireUniqueSpns(dn, Arrays.asList(spns));
        }
        boolean principal = entry.hasObjectClass(Ad.CLASS_USER) || entry.hasObjectClass(Ad.CLASS_GROUP);
        if (principal && !entry.hasAttribute(Ad.OBJECT_SID)) {
            Sid sid = new Sid(domainSid + "-" + nextRid.getAndIncrement());
            entry.addAttribute(new Attribute(Ad.OBJECT_SID, sid.toBytes()));
            request.setRequest(new com.unboundid.ldap.sdk.AddRequest(entry));
        }
    }

    @Override
    public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
        String dn = request.getRequest().getDN();
        for (Modification mod : request.getRequest().getModifications()) {
            boolean adds = mod.getModificationType() == ModificationType.ADD
                    || mod.getModificationType() == ModificationType.REPLACE;
            if (!adds || !mod.hasValue()) {
                continue;
            }
            if (mod.getAttributeName().equalsIgnoreCase(Ad.SERVICE_PRINCIPAL_NAME)) {
                requireUniqueSpns(dn, Arrays.asList(mod.getValues()));
            } else if (mod.getAttributeName().equalsIgnoreCase(Ad.SAM_ACCOUNT_NAME)) {
                requireUniqueAccountName(dn, mod.getValues()[0]);
            }
        }
    }

    @Override
    public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) throws LDAPException {
        SimpleBindRequest bind = request.getRequest();
        String name = bind.getBindDN();
        if (name == null || name.isEmpty()) {
            return;
        }
        SearchResultEntry account = DN.isValidDN(name) && name.contains("=")
                ? system.getEntry(name, Ad.USER_ACCOUNT_CONTROL)
                : findAccountByLogonName(name);
        if (account == null) {
            throw invalidCredentials("52e");
        }
        Integer uac = account.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        if (uac != null && (uac & Ad.UAC_ACCOUNTDISABLE) != 0) {
            throw invalidCredentials("533");
        }
        request.setRequest(new SimpleBindRequest(account.getDN(), bind.getPassword().getValue()));
    }

    @Override
    public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
        SearchResultEntry found = result.getSearchEntry();
        boolean rootDse = found.getDN().isEmpty();
        boolean memberOf = !rootDse && wantsMemberOf(result.getRequest().getAttributeList());
        if (!rootDse && !memberOf && !found.hasAttribute(SECRET_ATTRIBUTE)) {
            return; // most entries of a large scan need nothing, and copying them would dominate its time
        }
        Entry entry = found.duplicate();
        entry.removeAttribute(SECRET_ATTRIBUTE);
        if (rootDse) {
            entry.setAttribute(Ad.CURRENT_TIME, StaticUtils.encodeGeneralizedTime(new Date()));
        } else if (memberOf) {
            addMemberOf(entry);
        }
        result.setSearchEntry(entry);
    }

    private SearchResultEntry findAccountByLogonName(String name) throws LDAPException {
        String account = name;
        int backslash = name.indexOf('\\');
        if (backslash >= 0) {
            account = name.substring(backslash + 1);
        }
        Filter filter = Filter.createORFilter(
                Filter.createEqualityFilter(Ad.USER_PRINCIPAL_NAME, name),
                Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, account),
                Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, account.replaceFirst("@.*$", "")));
        List<SearchResultEntry> found = system.search(baseDn, SearchScope.SUB, filter, Ad.USER_ACCOUNT_CONTROL)
                .getSearchEntries();
        return found.size() == 1 ? found.get(0) : null;
    }

    private static LDAPException invalidCredentials(String data) {
        // The text AD sends; "data 52e" is a bad name or password, "data 533" a disabled account.
        return new LDAPException(ResultCode.INVALID_CREDENTIALS,
                "80090308: LdapErr: DSID-0C09041C, comment: AcceptSecurityContext error, data " + data + ", v4563");
    }

    private void requireUniqueSpns(String dn, List<String> spns) throws LDAPException {
        for (String spn : spns) {
            Filter filter = Filter.createEqualityFilter(Ad.SERVICE_PRINCIPAL_NAME, spn);
            for (SearchResultEntry holder : system.search(baseDn, SearchScope.SUB, filter, "1.1").getSearchEntries()) {
                if (!holder.getParsedDN().equals(new DN(dn))) {
                    throw new LDAPException(ResultCode.CONSTRAINT_VIOLATION, "0000202F: The operation failed "
                            + "because SPN value provided for addition/modification is not unique forest-wide: " + spn);
                }
            }
        }
    }

    private void requireUniqueAccountName(String dn, String accountName) throws LDAPException {
        Filter filter = Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, accountName);
        for (SearchResultEntry holder : system.search(baseDn, SearchScope.SUB, filter, "1.1").getSearchEntries()) {
            if (!holder.getParsedDN().equals(new DN(dn))) {
                throw new LDAPException(ResultCode.ENTRY_ALREADY_EXISTS,
                        "00000524: UpdErr: DSID-031A11E2, problem 6005 (ENTRY_EXISTS), data 0: " + accountName);
            }
        }
    }

    private static boolean wantsMemberOf(List<String> requested) {
        return requested.isEmpty() || requested.stream()
                .anyMatch(a -> a.equals("*") || a.equalsIgnoreCase(Ad.MEMBER_OF));
    }

    private void addMemberOf(Entry entry) {
        try {
            Filter filter = Filter.createANDFilter(Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_GROUP),
                    Filter.createEqualityFilter(Ad.MEMBER, entry.getDN()));
            String[] groups = system.search(baseDn, SearchScope.SUB, filter, "1.1").getSearchEntries().stream()
                    .map(SearchResultEntry::getDN).toArray(String[]::new);
            if (groups.length > 0) {
                entry.setAttribute(Ad.MEMBER_OF, groups);
            }
        } catch (LDAPException e) {
            // An entry outside the domain partition has no group memberships to compute.
        }
    }
}
