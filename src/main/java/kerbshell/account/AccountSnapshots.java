package kerbshell.account;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.util.StaticUtils;
import kerbshell.directory.Account;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;
import kerbshell.directory.Sid;
import kerbshell.error.KerbshellException;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@link AccountSnapshot}s: many hosts in a few batched searches, the members of a group, the computers below
 * an OU, one account by name. Group membership is walked up through memberOf, each group read once per reader, so
 * the number of reads grows with the distinct groups, never with the pairs a check judges; the lab's directory and
 * a real DC answer it the same way (AD's LDAP_MATCHING_RULE_IN_CHAIN would be one search on a DC, but the lab's
 * in-memory server rejects extensible matching). One reader per command; not thread-safe.
 */
public final class AccountSnapshots {
    private static final int BATCH = 50;
    private static final int MAX_GROUPS = 1000;
    static final String[] ATTRIBUTES = {Ad.SAM_ACCOUNT_NAME, Ad.DNS_HOST_NAME, Ad.OBJECT_SID, Ad.OBJECT_CLASS,
            Ad.USER_ACCOUNT_CONTROL, Ad.SERVICE_PRINCIPAL_NAME, Ad.ALLOWED_TO_DELEGATE_TO, Ad.ALLOWED_TO_ACT,
            Ad.SUPPORTED_ENCRYPTION_TYPES, Ad.OPERATING_SYSTEM, Ad.OPERATING_SYSTEM_VERSION, Ad.PWD_LAST_SET,
            Ad.MEMBER_OF, Ad.PRIMARY_GROUP_ID};
    private static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;

    private final DirectorySession session;
    private final Map<String, Optional<Group>> groups = new HashMap<>();
    private int searches;

    public AccountSnapshots(DirectorySession session) {
        this.session = session;
    }

    /** How many LDAP operations this reader made. */
    public int searches() {
        return searches;
    }

    /** One account by any of its names (or DN); a missing or ambiguous name is an error naming it. */
    public AccountSnapshot account(String name) {
        Account account = new AccountResolver(session).resolve(name);
        searches++;
        return byDn(account.dn()).orElseThrow(() -> KerbshellException.failure(account.dn() + " vanished while "
                + "kerbshell read it: run the command again"));
    }

    /** A computer account by name; a user or group by that name is an error that says what it is. */
    public AccountSnapshot computer(String name) {
        AccountSnapshot snapshot = account(name);
        if (!snapshot.computer()) {
            throw KerbshellException.failure(name + " is not a computer (" + snapshot.dn() + "): give a host name");
        }
        return snapshot;
    }

    /** The accounts named, each found by any of its names; a name that matches nothing maps to empty. */
    public Map<String, Optional<AccountSnapshot>> accounts(List<String> names) {
        List<SearchResultEntry> found = new ArrayList<>();
        for (int from = 0; from < names.size(); from += BATCH) {
            List<Filter> filters = names.subList(from, Math.min(from + BATCH, names.size())).stream()
                    .filter(n -> !n.contains("=")).map(AccountResolver::filterFor).toList();
            if (!filters.isEmpty()) {
                found.addAll(search(session.baseDn(), Filter.createORFilter(filters)));
            }
        }
        Map<String, Optional<AccountSnapshot>> byName = new LinkedHashMap<>();
        for (String name : names) {
            if (name.contains("=")) {
                byName.put(name, byDn(name));
                continue;
            }
            List<SearchResultEntry> matches = found.stream().filter(e -> matches(e, name)).toList();
            if (matches.size() > 1) {
                throw KerbshellException.failure(name + " is ambiguous: it matches " + matches.stream()
                        .map(SearchResultEntry::getDN).toList() + ": give the DN or the sAMAccountName");
            }
            byName.put(name, matches.stream().findFirst().map(this::snapshot));
        }
        return byName;
    }

    /** The computers that are members of a group (one read per member). */
    public List<AccountSnapshot> groupMembers(String group) {
        Account account = new AccountResolver(session).resolve(group);
        if (!account.group()) {
            throw KerbshellException.usage(group + " is a " + account.kind() + ", not a group: give a group with --group");
        }
        SearchResultEntry entry = read(account.dn(), Ad.MEMBER);
        List<AccountSnapshot> members = new ArrayList<>();
        String[] dns = entry == null ? null : entry.getAttributeValues(Ad.MEMBER);
        for (String dn : dns == null ? new String[0] : dns) {
            byDn(dn).filter(AccountSnapshot::computer).ifPresent(members::add);
        }
        return members;
    }

    /** The computers below an OU or container. */
    public List<AccountSnapshot> computersBelow(String baseDn) {
        return search(baseDn, Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_COMPUTER)).stream()
                .map(this::snapshot).toList();
    }

    /**
     * Every user and computer account of the domain: the groups first in one paged search (so walking memberOf
     * reads nothing more), then the accounts in another. For audits of the whole domain.
     */
    public List<AccountSnapshot> all() {
        DirectorySession.SearchView domain = session.domainView();
        List<AccountSnapshot> accounts = new ArrayList<>();
        try {
            searches++;
            domain.forEach(Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_GROUP),
                    e -> groups.put(e.getDN().toLowerCase(Locale.ROOT), Optional.of(group(e))), Ad.OBJECT_SID,
                    Ad.MEMBER_OF, Ad.CN, Ad.SAM_ACCOUNT_NAME);
            searches++;
            domain.forEach(Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_USER),
                    e -> accounts.add(snapshot(e)), ATTRIBUTES);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading the accounts of " + domain.description());
        }
        return accounts;
    }

    public Optional<AccountSnapshot> byDn(String dn) {
        return Optional.ofNullable(read(dn, ATTRIBUTES)).map(this::snapshot);
    }

    /**
     * When the domain got AES keys, as far as the directory tells: the creation of its Read-only Domain
     * Controllers group (RID 521), which the first Windows Server 2008 DC or adprep /domainprep makes; from then
     * on every password set also makes AES keys. Empty when the domain has no such group (the lab) or no SID.
     */
    public Optional<Instant> aesSince() {
        SearchResultEntry domain = read(session.baseDn(), Ad.OBJECT_SID);
        byte[] sid = domain == null ? null : domain.getAttributeValueBytes(Ad.OBJECT_SID);
        if (sid == null) {
            return Optional.empty();
        }
        Sid rodc = new Sid(Sid.fromBytes(sid).value() + "-" + Ad.RID_READ_ONLY_DOMAIN_CONTROLLERS);
        try {
            searches++;
            List<SearchResultEntry> found = session.domainView().ldap().search(session.baseDn(),
                    com.unboundid.ldap.sdk.SearchScope.SUB, Filter.createEqualityFilter(Ad.OBJECT_SID, rodc.toBytes()),
                    Ad.WHEN_CREATED).getSearchEntries();
            String created = found.isEmpty() ? null : found.get(0).getAttributeValue(Ad.WHEN_CREATED);
            return created == null ? Optional.empty()
                    : Optional.of(StaticUtils.decodeGeneralizedTime(created).toInstant());
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "looking up when the domain got AES (its Read-only Domain Controllers "
                    + "group)");
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private AccountSnapshot snapshot(SearchResultEntry entry) {
        byte[] sid = entry.getAttributeValueBytes(Ad.OBJECT_SID);
        Integer uac = entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        return AccountSnapshot.of(entry.getDN(), entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME),
                entry.getAttributeValue(Ad.DNS_HOST_NAME), sid == null ? null : Sid.fromBytes(sid).value(),
                entry.hasObjectClass(Ad.CLASS_COMPUTER), uac == null ? 0 : uac,
                values(entry, Ad.SERVICE_PRINCIPAL_NAME), values(entry, Ad.ALLOWED_TO_DELEGATE_TO),
                Rbcd.decode(entry.getAttributeValueBytes(Ad.ALLOWED_TO_ACT)),
                entry.getAttributeValueAsInteger(Ad.SUPPORTED_ENCRYPTION_TYPES),
                entry.getAttributeValue(Ad.OPERATING_SYSTEM), entry.getAttributeValue(Ad.OPERATING_SYSTEM_VERSION),
                filetime(entry.getAttributeValueAsLong(Ad.PWD_LAST_SET)), memberships(values(entry, Ad.MEMBER_OF)),
                entry.getAttributeValueAsInteger(Ad.PRIMARY_GROUP_ID));
    }

    /** Every group reached from the direct ones through memberOf, each with the direct group it comes through. */
    private List<GroupMembership> memberships(List<String> direct) {
        List<GroupMembership> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String first : direct) {
            Optional<Group> start = group(first);
            if (start.isEmpty()) {
                continue;
            }
            Deque<Group> pending = new ArrayDeque<>(List.of(start.get()));
            while (!pending.isEmpty() && seen.size() < MAX_GROUPS) {
                Group group = pending.poll();
                if (!seen.add(group.dn().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                all.add(new GroupMembership(group.dn(), group.name(), group.sid(), start.get().dn(), start.get().name()));
                group.parents().forEach(parent -> group(parent).ifPresent(pending::add));
            }
        }
        return all;
    }

    private Optional<Group> group(String dn) {
        return groups.computeIfAbsent(dn.toLowerCase(Locale.ROOT), key -> {
            SearchResultEntry entry = read(dn, Ad.OBJECT_SID, Ad.MEMBER_OF, Ad.CN, Ad.SAM_ACCOUNT_NAME);
            if (entry == null) {
                return Optional.empty();
            }
            return Optional.of(group(entry));
        });
    }

    private static Group group(SearchResultEntry entry) {
        byte[] sid = entry.getAttributeValueBytes(Ad.OBJECT_SID);
        String name = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME) != null
                ? entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME) : entry.getAttributeValue(Ad.CN);
        return new Group(entry.getDN(), name == null ? entry.getDN() : name,
                sid == null ? null : Sid.fromBytes(sid).value(), values(entry, Ad.MEMBER_OF));
    }

    private record Group(String dn, String name, String sid, List<String> parents) {
    }

    /** pwdLastSet is a Windows FILETIME (100 ns since 1601); 0 means the password was never set. */
    static Instant filetime(Long value) {
        if (value == null || value == 0) {
            return null;
        }
        return Instant.ofEpochSecond(value / 10_000_000L - FILETIME_EPOCH_OFFSET_SECONDS, (value % 10_000_000L) * 100);
    }

    private static boolean matches(SearchResultEntry entry, String name) {
        String given = name.toLowerCase(Locale.ROOT);
        String sam = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
        sam = sam == null ? "" : sam.toLowerCase(Locale.ROOT);
        String dns = entry.getAttributeValue(Ad.DNS_HOST_NAME);
        return sam.equals(given) || sam.equals(given + "$") || (dns != null && dns.equalsIgnoreCase(name))
                || sam.equals(given.replaceFirst("@.*$", "")) || sam.equals(given.replaceFirst("^.*\\\\", ""));
    }

    private static List<String> values(SearchResultEntry entry, String attribute) {
        String[] values = entry.getAttributeValues(attribute);
        return values == null ? List.of() : List.of(values);
    }

    private List<SearchResultEntry> search(String base, Filter filter) {
        List<SearchResultEntry> found = new ArrayList<>();
        try {
            searches++;
            session.below(base).forEach(filter, found::add, ATTRIBUTES);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading accounts below " + base);
        }
        return found;
    }

    private SearchResultEntry read(String dn, String... attributes) {
        try {
            searches++;
            return session.ldap().getEntry(dn, attributes);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return null;
            }
            throw LdapFailures.onOperation(e, "reading " + dn);
        }
    }
}
