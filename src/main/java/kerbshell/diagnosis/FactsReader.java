package kerbshell.diagnosis;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads everything the checks need in a number of searches that grows with the hosts, never with the pairs: the
 * hosts in batches, the holders of all their SPNs in batches, the sPNMappings once, the operator and its groups.
 */
final class FactsReader {
    private static final int BATCH = 50;
    private static final int MAX_GROUPS = 1000;

    private final DirectorySession session;
    private int searches;

    FactsReader(DirectorySession session) {
        this.session = session;
    }

    /** How many LDAP operations this reader made: the benchmark shows it does not grow with the pairs. */
    int searches() {
        return searches;
    }

    /** The accounts named, each found by any of its names; a name that matches nothing maps to empty. */
    Map<String, Optional<HostFacts>> hosts(List<String> names) {
        List<HostFacts> found = new ArrayList<>();
        for (int from = 0; from < names.size(); from += BATCH) {
            List<Filter> filters = names.subList(from, Math.min(from + BATCH, names.size())).stream()
                    .filter(n -> !n.contains("="))
                    .map(AccountResolver::filterFor).toList();
            if (!filters.isEmpty()) {
                found.addAll(search(session.baseDn(), Filter.createORFilter(filters)));
            }
        }
        Map<String, Optional<HostFacts>> byName = new LinkedHashMap<>();
        for (String name : names) {
            if (name.contains("=")) {
                byName.put(name, byDn(name));
                continue;
            }
            List<HostFacts> matches = found.stream().filter(h -> matches(h, name)).toList();
            if (matches.size() > 1) {
                throw KerbshellException.failure(name + " is ambiguous: it matches " + matches.stream()
                        .map(HostFacts::dn).toList() + ": give the DN or the sAMAccountName");
            }
            byName.put(name, matches.stream().findFirst());
        }
        return byName;
    }

    /** The computers that are members of a group (read from the group's member list, one read per member). */
    List<HostFacts> groupMembers(String group) {
        Account account = new AccountResolver(session).resolve(group);
        if (!account.group()) {
            throw KerbshellException.usage(group + " is a " + account.kind() + ", not a group: give a group with --group");
        }
        SearchResultEntry entry = read(account.dn(), Ad.MEMBER);
        List<HostFacts> members = new ArrayList<>();
        String[] dns = entry == null ? null : entry.getAttributeValues(Ad.MEMBER);
        for (String dn : dns == null ? new String[0] : dns) {
            byDn(dn).filter(HostFacts::computer).ifPresent(members::add);
        }
        return members;
    }

    /** The computers below an OU or container. */
    List<HostFacts> computersBelow(String baseDn) {
        return search(baseDn, Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_COMPUTER));
    }

    /** For each SPN asked about (lower case), the accounts in the forest that hold it. */
    Map<String, List<String>> holders(Collection<String> spns) {
        Map<String, List<String>> holders = new HashMap<>();
        List<String> all = new ArrayList<>(new TreeSet<>(spns.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()));
        all.forEach(s -> holders.put(s, new ArrayList<>()));
        DirectorySession.SearchView forest = session.forest();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Filter> filters = all.subList(from, Math.min(from + BATCH, all.size())).stream()
                    .map(s -> Filter.createEqualityFilter(Ad.SERVICE_PRINCIPAL_NAME, s)).toList();
            try {
                searches++;
                forest.forEach(Filter.createORFilter(filters), entry -> {
                    String sam = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
                    for (String spn : entry.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME)) {
                        List<String> list = holders.get(spn.toLowerCase(Locale.ROOT));
                        if (list != null) {
                            list.add(sam == null ? entry.getDN() : sam);
                        }
                    }
                }, Ad.SERVICE_PRINCIPAL_NAME, Ad.SAM_ACCOUNT_NAME);
            } catch (LDAPException e) {
                throw LdapFailures.onOperation(e, "looking up who holds the hosts' SPNs");
            }
        }
        return holders;
    }

    /** The service classes the KDC serves with a host's HOST/ key, from sPNMappings (AD's default when unset). */
    Set<String> hostMappedClasses() {
        String config = session.domain().configurationNamingContext();
        Set<String> classes = new HashSet<>();
        SearchResultEntry entry = config == null ? null : read(Ad.DIRECTORY_SERVICE_RDNS + "," + config, Ad.SPN_MAPPINGS);
        String[] mappings = entry == null ? null : entry.getAttributeValues(Ad.SPN_MAPPINGS);
        for (String mapping : mappings == null ? new String[0] : mappings) {
            String[] pair = mapping.split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("host")) {
                for (String serviceClass : pair[1].split(",")) {
                    classes.add(serviceClass.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return classes;
    }

    /** Seconds the DC's clock is ahead of this machine's (negative when behind), or null when it does not say. */
    Long clockSkewSeconds() {
        try {
            searches++;
            RootDSE root = session.ldap().getRootDSE();
            String time = root == null ? null : root.getAttributeValue(Ad.CURRENT_TIME);
            if (time == null) {
                return null;
            }
            Instant dc = StaticUtils.decodeGeneralizedTime(time).toInstant();
            return Math.round(Duration.between(Instant.now(), dc).toMillis() / 1000.0);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading the DC's time");
        } catch (ParseException e) {
            return null;
        }
    }

    /** The operator: the named account, or the session's own. */
    OperatorFacts operator(String name) {
        Account account = new AccountResolver(session).resolve(name);
        SearchResultEntry entry = read(account.dn(), Ad.USER_ACCOUNT_CONTROL, Ad.SUPPORTED_ENCRYPTION_TYPES);
        Integer uac = entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        List<String> groups = new ArrayList<>();
        boolean protectedUsers = false;
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(directGroups(account.dn()));
        while (!pending.isEmpty() && seen.size() < MAX_GROUPS) {
            String group = pending.poll();
            if (!seen.add(group.toLowerCase(Locale.ROOT))) {
                continue;
            }
            SearchResultEntry g = read(group, Ad.OBJECT_SID, Ad.MEMBER_OF, Ad.CN);
            if (g == null) {
                continue;
            }
            groups.add(g.getAttributeValue(Ad.CN) != null ? g.getAttributeValue(Ad.CN) : group);
            byte[] sid = g.getAttributeValueBytes(Ad.OBJECT_SID);
            protectedUsers |= sid != null && Sid.fromBytes(sid).rid() == Ad.RID_PROTECTED_USERS;
            String[] parents = g.getAttributeValues(Ad.MEMBER_OF);
            if (parents != null) {
                pending.addAll(List.of(parents));
            }
        }
        return new OperatorFacts(account.dn(), account.samAccountName(), uac == null ? 0 : uac, protectedUsers,
                groups, entry.getAttributeValueAsInteger(Ad.SUPPORTED_ENCRYPTION_TYPES));
    }

    private List<String> directGroups(String dn) {
        SearchResultEntry entry = read(dn, Ad.MEMBER_OF);
        String[] groups = entry == null ? null : entry.getAttributeValues(Ad.MEMBER_OF);
        return groups == null ? List.of() : List.of(groups);
    }

    private static boolean matches(HostFacts host, String name) {
        String given = name.toLowerCase(Locale.ROOT);
        String sam = host.samAccountName() == null ? "" : host.samAccountName().toLowerCase(Locale.ROOT);
        return sam.equals(given) || sam.equals(given + "$")
                || (host.dnsHostName() != null && host.dnsHostName().equalsIgnoreCase(name))
                || sam.equals(given.replaceFirst("@.*$", "")) || sam.equals(given.replaceFirst("^.*\\\\", ""));
    }

    private Optional<HostFacts> byDn(String dn) {
        SearchResultEntry entry = read(dn, HostFacts.ATTRIBUTES);
        return Optional.ofNullable(entry).map(HostFacts::of);
    }

    private List<HostFacts> search(String base, Filter filter) {
        List<HostFacts> found = new ArrayList<>();
        try {
            searches++;
            session.below(base).forEach(filter, e -> found.add(HostFacts.of(e)), HostFacts.ATTRIBUTES);
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
            if (e.getResultCode() == com.unboundid.ldap.sdk.ResultCode.NO_SUCH_OBJECT) {
                return null;
            }
            throw LdapFailures.onOperation(e, "reading " + dn);
        }
    }
}
