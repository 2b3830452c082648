package kerbshell.spn;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Account;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.directory.LdapFailures;
import kerbshell.error.KerbshellException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * setspn's work, safer: list, add with the forest-wide duplicate check of {@code setspn -S}, remove, find by
 * pattern. Writes are value-level modifies (add or delete exactly the named values), never a replace of the whole
 * attribute, so a concurrent change by someone else is not lost.
 */
public final class SpnService {
    private final DirectorySession session;
    private final AccountResolver accounts;

    public SpnService(DirectorySession session) {
        this.session = session;
        this.accounts = new AccountResolver(session);
    }

    public SpnListing list(String name) {
        Account account = accounts.resolve(name);
        List<String> spns = spnsOf(account);
        Map<String, List<String>> byClass = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String spn : spns) {
            byClass.computeIfAbsent(spn.substring(0, Math.max(spn.indexOf('/'), 0)), k -> new ArrayList<>()).add(spn);
        }
        byClass.values().forEach(list -> list.sort(String.CASE_INSENSITIVE_ORDER));
        return new SpnListing(account.samAccountName(), account.dn(), spns.size(), byClass);
    }

    /** As {@link #add(String, List, boolean, boolean)}, refusing SPNs that name another host. */
    public SpnChangeReport add(String name, List<String> requested, boolean dryRun) {
        return add(name, requested, dryRun, false);
    }

    /**
     * Adds the SPNs that no account holds yet. For each: already on this account (no change; a problem when
     * another account holds it too), held by another account in the forest (refused, naming every holder), naming
     * another computer by its DNS or NetBIOS name (refused unless {@code force}, naming that account), or added.
     */
    public SpnChangeReport add(String name, List<String> requested, boolean dryRun, boolean force) {
        List<Spn> spns = parseAll(requested, Spn::parse);
        Account account = accounts.resolve(name);
        List<String> current = spnsOf(account);
        List<SpnOutcome> outcomes = new ArrayList<>();
        List<String> toAdd = new ArrayList<>();
        for (Spn spn : spns) {
            List<SpnHolder> others = otherHolders(spn, account);
            if (current.stream().anyMatch(spn::sameAs)) {
                outcomes.add(others.isEmpty()
                        ? new SpnOutcome(spn.toString(), SpnOutcome.Result.ALREADY_PRESENT, null)
                        : new SpnOutcome(spn.toString(), SpnOutcome.Result.DUPLICATE, "present here and on "
                        + names(others) + ": duplicate; 'spn duplicates' names its rightful holder and the fix"));
                continue;
            }
            if (!others.isEmpty()) {
                outcomes.add(new SpnOutcome(spn.toString(), SpnOutcome.Result.HELD_ELSEWHERE,
                        "held by " + names(others)));
                continue;
            }
            Optional<SpnHolder> named = account.computer() ? otherHostNamed(spn, account) : Optional.empty();
            if (named.isPresent() && !force) {
                outcomes.add(new SpnOutcome(spn.toString(), SpnOutcome.Result.NAMES_ANOTHER_HOST,
                        hostWarning(spn, named.get(), account) + "; --force to add it anyway"));
                continue;
            }
            toAdd.add(spn.toString());
            outcomes.add(new SpnOutcome(spn.toString(), dryRun ? SpnOutcome.Result.WOULD_ADD : SpnOutcome.Result.ADDED,
                    named.map(other -> "warning: " + hostWarning(spn, other, account)).orElse(null)));
        }
        LdapChange change = toAdd.isEmpty() ? null : LdapChange.add(account.dn(), Ad.SERVICE_PRINCIPAL_NAME, toAdd);
        if (change != null && !dryRun) {
            write(change, account, "adding SPNs to ");
        }
        return new SpnChangeReport(account.samAccountName(), account.dn(), dryRun, outcomes, change);
    }

    private static String hostWarning(Spn spn, SpnHolder other, Account account) {
        return "its host " + spn.host() + " is " + other.account() + "'s " + SpnOwnership.matchedBy(spn.toString(), other)
                + ", not " + account.samAccountName() + "'s: the KDC would encrypt tickets meant for "
                + other.account() + " with " + account.samAccountName() + "'s key";
    }

    /** The computer the SPN's host names, when it is another account than {@code account}. */
    private Optional<SpnHolder> otherHostNamed(Spn spn, Account account) {
        List<SpnHolder> named = new ArrayList<>(new SpnHolderSearch(session.forest())
                .accountsNamed(List.of(spn.host().toLowerCase(java.util.Locale.ROOT))));
        named.add(new SpnHolder(null, account.samAccountName(), account.dn(), account.dnsHostName()));
        return SpnOwnership.rightfulAccount(spn.toString(), named).filter(h -> !h.dn().equalsIgnoreCase(account.dn()));
    }

    private static String names(List<SpnHolder> holders) {
        return String.join(", ", holders.stream().map(h -> h.account() + " (" + h.dn() + ")").toList());
    }

    /** Deletes exactly the named values the account holds; names the ones it does not hold. */
    public SpnChangeReport remove(String name, List<String> requested, boolean dryRun) {
        List<Spn> spns = parseAll(requested, Spn::parseHeld);
        Account account = accounts.resolve(name);
        List<String> current = spnsOf(account);
        List<SpnOutcome> outcomes = new ArrayList<>();
        List<String> toDelete = new ArrayList<>();
        for (Spn spn : spns) {
            Optional<String> held = current.stream().filter(spn::sameAs).findFirst();
            if (held.isPresent()) {
                toDelete.add(held.get());
                outcomes.add(new SpnOutcome(held.get(),
                        dryRun ? SpnOutcome.Result.WOULD_REMOVE : SpnOutcome.Result.REMOVED, null));
            } else {
                outcomes.add(new SpnOutcome(spn.toString(), SpnOutcome.Result.NOT_HELD,
                        account.samAccountName() + " does not hold it"));
            }
        }
        LdapChange change = toDelete.isEmpty() ? null
                : LdapChange.delete(account.dn(), Ad.SERVICE_PRINCIPAL_NAME, toDelete);
        if (change != null && !dryRun) {
            try {
                session.apply(change);
            } catch (LDAPException e) {
                change = rewriteRefusedDelete(e, account, toDelete);
                outcomes.replaceAll(o -> o.result() == SpnOutcome.Result.REMOVED ? new SpnOutcome(o.spn(), o.result(),
                        "the DC refused to delete it by value (another account holds it too); the account's SPN "
                                + "set was rewritten in one modify") : o);
            }
        }
        return new SpnChangeReport(account.samAccountName(), account.dn(), dryRun, outcomes, change);
    }

    /**
     * Samba refuses the value-level delete of an SPN another account also holds (a true duplicate, which its LDAP
     * server would never have let in): rewrite the set as read now, deleting every old value it accepts to name
     * and setting the new set, in one modify (see {@link LdapChange#rewrite}), journaled like any write. Any other
     * refusal, or one for values nobody else holds, is reported as it is.
     */
    private LdapChange rewriteRefusedDelete(LDAPException refused, Account account, List<String> toDelete) {
        boolean duplicated = refused.getResultCode() == ResultCode.CONSTRAINT_VIOLATION
                && toDelete.stream().anyMatch(v -> !otherHolders(Spn.parseHeld(v), account).isEmpty());
        if (!duplicated) {
            throw refusal(refused, account, "removing SPNs from " + account.samAccountName());
        }
        List<String> current = spnsOf(account);
        List<String> kept = current.stream().filter(v -> toDelete.stream().noneMatch(v::equalsIgnoreCase)).toList();
        List<String> alsoDuplicated = kept.stream().filter(v -> !otherHolders(Spn.parseHeld(v), account).isEmpty())
                .toList();
        if (!alsoDuplicated.isEmpty()) {
            List<String> all = new ArrayList<>(toDelete);
            all.addAll(alsoDuplicated);
            throw KerbshellException.failure("the DC refused removing SPNs from " + account.samAccountName()
                    + " by value, and cannot rewrite its set while it keeps " + String.join(", ", alsoDuplicated)
                    + ", which another account holds too: repair that one first ('spn duplicates' names its rightful "
                    + "holder), or remove them together: spn remove "
                    + account.samAccountName() + " " + String.join(" ", all.stream().map(v -> "\"" + v + "\"")
                    .toList()), refused);
        }
        LdapChange rewrite = LdapChange.rewrite(account.dn(), Ad.SERVICE_PRINCIPAL_NAME, kept, kept);
        write(rewrite, account, "rewriting the SPNs of ");
        return rewrite;
    }

    /** Every SPN in the forest matching a {@code *} pattern, with the account holding it. */
    public SpnMatches find(String pattern) {
        return find(pattern, null);
    }

    /** As {@link #find(String)}; a problem unless {@code expectedHolder} (when given) alone holds every match. */
    public SpnMatches find(String pattern, String expectedHolder) {
        SpnPattern spnPattern = new SpnPattern(pattern);
        DirectorySession.SearchView forest = session.forest();
        List<SpnHolder> matches = new ArrayList<>();
        search(forest, spnPattern.filter(), entry -> {
            for (String spn : entry.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME)) {
                if (spnPattern.matches(spn)) {
                    matches.add(holderOf(entry, spn));
                }
            }
        });
        return new SpnMatches(pattern, forest.description(), matches, expectedHolder);
    }

    /** The accounts in the forest holding exactly this SPN (compared without regard to case, as the KDC does). */
    public List<SpnHolder> holders(Spn spn) {
        List<SpnHolder> found = new ArrayList<>();
        search(session.forest(), Filter.createEqualityFilter(Ad.SERVICE_PRINCIPAL_NAME, spn.toString()),
                entry -> found.add(holderOf(entry, spn.toString())));
        return found;
    }

    /** Every account other than {@code account} that holds the SPN. */
    private List<SpnHolder> otherHolders(Spn spn, Account account) {
        return holders(spn).stream().filter(h -> !h.dn().equalsIgnoreCase(account.dn())).toList();
    }

    /** The account's SPNs as stored. */
    public List<String> spnsOf(Account account) {
        try {
            SearchResultEntry entry = session.ldap().getEntry(account.dn(), Ad.SERVICE_PRINCIPAL_NAME);
            String[] values = entry == null ? null : entry.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME);
            return values == null ? List.of() : List.of(values);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading the SPNs of " + account.samAccountName());
        }
    }

    private void search(DirectorySession.SearchView forest, Filter filter,
                        java.util.function.Consumer<SearchResultEntry> each) {
        try {
            forest.forEach(filter, each, Ad.SERVICE_PRINCIPAL_NAME, Ad.SAM_ACCOUNT_NAME, Ad.DNS_HOST_NAME);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "searching " + forest.description() + " for " + filter);
        }
    }

    private static SpnHolder holderOf(SearchResultEntry entry, String spn) {
        return SpnHolderSearch.holderOf(entry, spn);
    }

    /** @param parser {@link Spn#parse} for values to write, {@link Spn#parseHeld} for values to find and remove */
    private static List<Spn> parseAll(List<String> requested, java.util.function.Function<String, Spn> parser) {
        if (requested == null || requested.isEmpty()) {
            throw KerbshellException.usage("name at least one SPN, e.g. cifs/hv01.corp.example");
        }
        Map<String, Spn> unique = new LinkedHashMap<>();
        for (String text : requested) {
            Spn spn = parser.apply(text);
            unique.putIfAbsent(spn.key(), spn);
        }
        return List.copyOf(unique.values());
    }

    private void write(LdapChange change, Account account, String what) {
        try {
            session.apply(change);
        } catch (LDAPException e) {
            throw refusal(e, account, what + account.samAccountName());
        }
    }

    /** The DC's own refusals, in words: its duplicate check, and the rights SPN writes need. */
    static KerbshellException refusal(LDAPException e, Account account, String what) {
        String diagnostic = String.valueOf(e.getDiagnosticMessage());
        if (e.getResultCode() == ResultCode.CONSTRAINT_VIOLATION
                && (diagnostic.contains("202F") || diagnostic.contains("2083") || diagnostic.contains("unique"))) {
            return KerbshellException.failure("the DC refused " + what + ": an SPN is already held by another "
                    + "account (" + diagnostic.strip() + "); find it with 'spn find SPN' and remove it there first", e);
        }
        if (e.getResultCode() == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            return KerbshellException.failure("access denied " + what + ": writing servicePrincipalName needs "
                    + "'Write servicePrincipalName' on " + account.dn() + " (the 'Validated write to service "
                    + "principal name' right covers only SPNs whose host is the account's own DNS or NetBIOS name)", e);
        }
        return LdapFailures.onOperation(e, what);
    }
}
