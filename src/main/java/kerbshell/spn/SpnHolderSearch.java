package kerbshell.spn;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who holds SPNs, and which accounts a host name names, found in the forest with indexed equality searches in
 * batches (never a substring search, which a DC cannot answer from its index). What {@link SpnOwnership} judges.
 */
public final class SpnHolderSearch {
    private static final int BATCH = 100;
    private static final String[] ATTRIBUTES = {Ad.SERVICE_PRINCIPAL_NAME, Ad.SAM_ACCOUNT_NAME, Ad.DNS_HOST_NAME};

    private final DirectorySession.SearchView forest;

    public SpnHolderSearch(DirectorySession.SearchView forest) {
        this.forest = forest;
    }

    /**
     * Every holder of each of these SPNs, and every value of the same families ({@link SpnMappings#familyKey}) the
     * accounts found hold, grouped by family key. The caller names the family members to ask for.
     */
    public Map<String, List<SpnHolder>> holdersByFamily(Collection<String> spns, SpnMappings mappings) {
        Set<String> families = new LinkedHashSet<>();
        spns.forEach(spn -> families.add(mappings.familyKey(spn)));
        Map<String, List<SpnHolder>> byFamily = new LinkedHashMap<>();
        List<Filter> equalities = new ArrayList<>();
        for (String spn : new LinkedHashSet<>(spns)) {
            equalities.add(Filter.createEqualityFilter(Ad.SERVICE_PRINCIPAL_NAME, spn));
        }
        for (int from = 0; from < equalities.size(); from += BATCH) {
            search(Filter.createORFilter(equalities.subList(from, Math.min(from + BATCH, equalities.size()))), e -> {
                Set<String> seen = new LinkedHashSet<>();
                for (String value : e.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME)) {
                    String family = mappings.familyKey(value);
                    if (families.contains(family) && seen.add(value.toLowerCase(Locale.ROOT))) {
                        List<SpnHolder> holders = byFamily.computeIfAbsent(family, k -> new ArrayList<>());
                        SpnHolder holder = holderOf(e, value);
                        if (holders.stream().noneMatch(h -> h.sameAccount(holder) && h.spn().equalsIgnoreCase(value))) {
                            holders.add(holder);
                        }
                    }
                }
            }, "finding the holders of " + spns.size() + " SPN(s)");
        }
        return byFamily;
    }

    /** Accounts whose dNSHostName or account name is one of these hosts (short or DNS names), as SPN holders. */
    public List<SpnHolder> accountsNamed(Collection<String> hosts) {
        List<Filter> filters = new ArrayList<>();
        for (String host : new LinkedHashSet<>(hosts)) {
            filters.add(Filter.createEqualityFilter(Ad.DNS_HOST_NAME, host));
            int dot = host.indexOf('.');
            filters.add(Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, (dot < 0 ? host : host.substring(0, dot)) + "$"));
        }
        List<SpnHolder> accounts = new ArrayList<>();
        for (int from = 0; from < filters.size(); from += BATCH) {
            search(Filter.createORFilter(filters.subList(from, Math.min(from + BATCH, filters.size()))),
                    e -> accounts.add(holderOf(e, null)), "finding the accounts named " + String.join(", ", hosts));
        }
        return accounts;
    }

    private void search(Filter filter, java.util.function.Consumer<SearchResultEntry> each, String what) {
        try {
            forest.forEach(filter, each, ATTRIBUTES);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, what + " in " + forest.description());
        }
    }

    static SpnHolder holderOf(SearchResultEntry entry, String spn) {
        String sam = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
        return new SpnHolder(spn, sam == null ? entry.getDN() : sam, entry.getDN(),
                entry.getAttributeValue(Ad.DNS_HOST_NAME));
    }
}
