package kerbshell.spn;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Filter;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;
import kerbshell.output.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * setspn -X: finds every SPN held by more than one account in the forest, streaming the accounts page by page
 * so that memory does not grow with the entries (see {@link SpnHashIndex}); then asks for the holders of the few
 * candidate SPNs by equality, which the DC answers from its index.
 */
public final class DuplicateScanner {
    private static final int CONFIRM_BATCH = 100;
    private final DirectorySession session;

    public DuplicateScanner(DirectorySession session) {
        this.session = session;
    }

    public DuplicateSpns scan(String serviceClass, Progress progress) {
        DirectorySession.SearchView forest = session.forest();
        SpnHashIndex index = new SpnHashIndex();
        int[] entry = {0};
        long[] spns = {0};
        try {
            forest.forEach(SpnPattern.ofServiceClass(serviceClass), e -> {
                for (String spn : e.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME)) {
                    if (inClass(spn, serviceClass)) {
                        index.add(spn, entry[0]);
                        spns[0]++;
                    }
                }
                progress.update(++entry[0]);
            }, Ad.SERVICE_PRINCIPAL_NAME);
            progress.done();
            List<DuplicateSpns.Duplicate> duplicates = index.candidates().isEmpty() ? List.of()
                    : confirm(forest, index.candidates());
            return new DuplicateSpns(forest.description(), serviceClass, entry[0], spns[0], duplicates);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "scanning " + forest.description() + " for duplicate SPNs");
        }
    }

    /** Asks the directory for the holders of each candidate, a batch of candidates per search. */
    private List<DuplicateSpns.Duplicate> confirm(DirectorySession.SearchView forest, Set<String> candidates)
            throws LDAPException {
        Map<String, List<SpnHolder>> bySpn = new TreeMap<>();
        List<String> all = new ArrayList<>(candidates);
        for (int from = 0; from < all.size(); from += CONFIRM_BATCH) {
            List<Filter> equalities = all.subList(from, Math.min(from + CONFIRM_BATCH, all.size())).stream()
                    .map(spn -> Filter.createEqualityFilter(Ad.SERVICE_PRINCIPAL_NAME, spn)).toList();
            forest.forEach(Filter.createORFilter(equalities), e -> {
                for (String spn : e.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME)) {
                    if (candidates.contains(SpnPattern.lower(spn))) {
                        String sam = e.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
                        bySpn.computeIfAbsent(SpnPattern.lower(spn), k -> new ArrayList<>())
                                .add(new SpnHolder(spn, sam == null ? e.getDN() : sam, e.getDN()));
                    }
                }
            }, Ad.SERVICE_PRINCIPAL_NAME, Ad.SAM_ACCOUNT_NAME);
        }
        List<DuplicateSpns.Duplicate> duplicates = new ArrayList<>();
        bySpn.forEach((key, holders) -> {
            if (holders.stream().map(h -> h.dn().toLowerCase()).distinct().count() > 1) {
                duplicates.add(new DuplicateSpns.Duplicate(holders.get(0).spn(), holders));
            }
        });
        return duplicates;
    }

    /** The server's substring match is a prefix test; the service class must match up to the slash exactly. */
    private static boolean inClass(String spn, String serviceClass) {
        return serviceClass == null || spn.regionMatches(true, 0, serviceClass + "/", 0, serviceClass.length() + 1);
    }
}
