package kerbshell.spn;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;
import kerbshell.output.Progress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * setspn -X, and what it misses: every SPN held by more than one account in the forest, and every SPN of a class
 * the forest's sPNMappings map to HOST registered on another account than the one holding HOST/ for that host.
 * One streamed pass over the accounts keeps only a hash per SPN family ({@link SpnHashIndex}), so memory does not
 * grow with the entries; the few candidates are then looked up by equality, which the DC answers from its index,
 * and judged by {@link SpnOwnership}.
 */
public final class DuplicateScanner {
    private final DirectorySession session;

    public DuplicateScanner(DirectorySession session) {
        this.session = session;
    }

    public DuplicateSpns scan(String serviceClass, Progress progress) {
        DirectorySession.SearchView forest = session.forest();
        SpnOwnership rules = new SpnOwnership(SpnMappings.read(session));
        SpnMappings mappings = rules.mappings();
        List<String> aliases = mappings.aliases();
        Map<String, Short> originOf = new HashMap<>();
        for (int i = 0; i < aliases.size(); i++) {
            originOf.put(aliases.get(i), (short) (i + 1));
        }
        Set<String> classes = scannedClasses(serviceClass, mappings);
        ScanWarmUp warmUp = ScanWarmUp.startOnce(
                () -> new Pass(mappings, aliases, originOf, null, Progress.NONE, null)::accept, rules);
        Pass[] pass = {null};
        try {
            forest.forEachWhole(filter(classes), () -> {
                pass[0] = new Pass(mappings, aliases, originOf, classes, progress, warmUp);
                return pass[0]::accept;
            }, Ad.SERVICE_PRINCIPAL_NAME);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "scanning " + forest.description() + " for duplicate SPNs");
        } finally {
            warmUp.stop();
            progress.done();
        }
        Set<String> candidates = pass[0].candidates;
        List<SpnConflict> conflicts = candidates.isEmpty() ? List.of() : judge(forest, rules, candidates);
        if (serviceClass != null) {
            conflicts = conflicts.stream().filter(c -> classOf(c.spn()).equalsIgnoreCase(serviceClass)
                    || c.shadows() != null && classOf(c.shadows()).equalsIgnoreCase(serviceClass)).toList();
        }
        conflicts = conflicts.stream().sorted(java.util.Comparator.comparing(
                (SpnConflict c) -> c.spn().toLowerCase(Locale.ROOT)).thenComparing(SpnConflict::kind)).toList();
        return new DuplicateSpns(forest.description(), serviceClass, pass[0].entries, pass[0].spns,
                mappings.aliasesOf("host").size(), conflicts);
    }

    /** One pass over the accounts: the hash index, and the SPNs met on two entries (both forms of them). */
    private static final class Pass {
        private final SpnMappings mappings;
        private final List<String> aliases;
        private final Set<String> classes;
        private final Progress progress;
        private final ScanWarmUp warmUp;
        private final SpnHashIndex index = new SpnHashIndex();
        private final SpnFamilyHash familyHash;
        private final Set<String> candidates = new LinkedHashSet<>();
        private int entries;
        private long spns;

        /** @param warmUp stopped at the first entry; null for the warm-up's own pass */
        Pass(SpnMappings mappings, List<String> aliases, Map<String, Short> originOf, Set<String> classes,
             Progress progress, ScanWarmUp warmUp) {
            this.mappings = mappings;
            this.aliases = aliases;
            this.classes = classes;
            this.progress = progress;
            this.warmUp = warmUp;
            this.familyHash = new SpnFamilyHash(mappings, originOf);
        }

        /**
         * Every SPN of the entry (of the scanned classes), hashed from its bytes ({@link SpnFamilyHash}); strings
         * are made only for the few candidates, and for the class when --service-class narrows the scan.
         */
        void accept(SearchResultEntry e) {
            if (entries == 0 && warmUp != null) {
                warmUp.stop();
            }
            Attribute values = e.getAttribute(Ad.SERVICE_PRINCIPAL_NAME);
            if (values != null) {
                for (byte[] spn : values.getValueByteArrays()) {
                    if (classes != null && !classes.contains(classOf(new String(spn, StandardCharsets.UTF_8)))) {
                        continue;
                    }
                    spns++;
                    int first = index.add(familyHash.hash(spn), entries, familyHash.origin());
                    if (first != SpnHashIndex.NO_CONFLICT) {
                        String text = new String(spn, StandardCharsets.UTF_8);
                        String key = mappings.familyKey(text);
                        candidates.add(text.toLowerCase(Locale.ROOT));
                        candidates.add(first == 0 ? key : aliases.get(first - 1) + key.substring(key.indexOf('/')));
                    }
                }
            }
            progress.update(++entries);
        }
    }

    /** Finds the candidates' holders, judges each family, and asks for the accounts a host names when none holds. */
    private static List<SpnConflict> judge(DirectorySession.SearchView forest, SpnOwnership rules,
                                           Set<String> candidates) {
        SpnHolderSearch search = new SpnHolderSearch(forest);
        Map<String, List<SpnHolder>> families = search.holdersByFamily(candidates, rules.mappings());
        List<SpnConflict> conflicts = new ArrayList<>();
        Set<String> unowned = new LinkedHashSet<>();
        families.forEach((key, holders) -> {
            List<SpnConflict> found = rules.judge(holders, List.of());
            found.stream().filter(c -> c.rightful() == null).forEach(c -> unowned.add(SpnOwnership.hostOf(c.spn())));
            conflicts.addAll(found);
        });
        if (unowned.isEmpty()) {
            return conflicts;
        }
        List<SpnHolder> named = search.accountsNamed(unowned);
        List<SpnConflict> rejudged = new ArrayList<>();
        families.forEach((key, holders) -> {
            List<SpnHolder> mine = named.stream().filter(a -> SpnOwnership.names(SpnOwnership.hostOf(key), a)).toList();
            rejudged.addAll(rules.judge(holders, mine));
        });
        return rejudged;
    }

    /** The classes to look at with --service-class C: C, the class it stands in for, and those standing in for it. */
    private static Set<String> scannedClasses(String serviceClass, SpnMappings mappings) {
        if (serviceClass == null) {
            return null;
        }
        Set<String> classes = new LinkedHashSet<>();
        String lower = serviceClass.toLowerCase(Locale.ROOT);
        classes.add(lower);
        mappings.targetOf(lower).ifPresent(classes::add);
        classes.addAll(mappings.aliasesOf(lower));
        return classes;
    }

    private static Filter filter(Set<String> classes) {
        if (classes == null) {
            return Filter.createPresenceFilter(Ad.SERVICE_PRINCIPAL_NAME);
        }
        return Filter.createORFilter(classes.stream().map(c -> SpnPattern.ofServiceClass(c)).toList());
    }

    private static String classOf(String spn) {
        int slash = spn.indexOf('/');
        return (slash < 0 ? spn : spn.substring(0, slash)).toLowerCase(Locale.ROOT);
    }
}
