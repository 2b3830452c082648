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

    /**
     * Adds the SPNs that no account holds yet. For each: already on this account (no change), held by another
     * account in the forest (refused, naming it), or added.
     */
    public SpnChangeReport add(String name, List<String> requested, boolean dryRun) {
        List<Spn> spns = parseAll(requested);
        Account account = accounts.resolve(name);
        List<String> current = spnsOf(account);
        List<SpnOutcome> outcomes = new ArrayList<>();
        List<String> toAdd = new ArrayList<>();
        for (Spn spn : spns) {
            if (current.stream().anyMatch(spn::sameAs)) {
                outcomes.add(new SpnOutcome(spn.toString(), SpnOutcome.Result.ALREADY_PRESENT, null));
                continue;
            }
            Optional<SpnHolder> other = otherHolder(spn, account);
            if (other.isPresent()) {
                outcomes.add(new SpnOutcome(spn.toString(), SpnOutcome.Result.HELD_ELSEWHERE,
                        "held by " + other.get().account() + " (" + other.get().dn() + ")"));
            } else {
                toAdd.add(spn.toString());
                outcomes.add(new SpnOutcome(spn.toString(),
                        dryRun ? SpnOutcome.Result.WOULD_ADD : SpnOutcome.Result.ADDED, null));
            }
        }
        LdapChange change = toAdd.isEmpty() ? null : LdapChange.add(account.dn(), Ad.SERVICE_PRINCIPAL_NAME, toAdd);
        if (change != null && !dryRun) {
            write(change, account, "adding SPNs to ");
        }
        return new SpnChangeReport(account.samAccountName(), account.dn(), dryRun, outcomes, change);
    }

    /** Deletes exactly the named values the account holds; names the ones it does not hold. */
    public SpnChangeReport remove(String name, List<String> requested, boolean dryRun) {
        List<Spn> spns = parseAll(requested);
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
            write(change, account, "removing SPNs from ");
        }
        return new SpnChangeReport(account.samAccountName(), account.dn(), dryRun, outcomes, change);
    }

    /** The six Hyper-V SPNs of a host; with {@code add}, adds the missing ones with the checks of {@link #add}. */
    public HyperVSpnReport hyperv(String name, boolean add, boolean dryRun) {
        Account host = accounts.resolveComputer(name);
        List<String> current = spnsOf(host);
        List<HyperVSpnReport.Entry> entries = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String text : HyperVServices.spnsFor(host)) {
            Spn spn = Spn.parse(text);
            if (current.stream().anyMatch(spn::sameAs)) {
                entries.add(new HyperVSpnReport.Entry(text, HyperVSpnReport.State.PRESENT, null));
                continue;
            }
            Optional<SpnHolder> other = otherHolder(spn, host);
            if (other.isPresent()) {
                entries.add(new HyperVSpnReport.Entry(text, HyperVSpnReport.State.HELD_ELSEWHERE,
                        other.get().account() + " (" + other.get().dn() + ")"));
            } else {
                entries.add(new HyperVSpnReport.Entry(text, HyperVSpnReport.State.MISSING, null));
            }
            missing.add(text);
        }
        SpnChangeReport added = add && !missing.isEmpty() ? add(host.dn(), missing, dryRun) : null;
        return new HyperVSpnReport(host.samAccountName(), host.dn(), entries, added);
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

    /** An account other than {@code account} that holds the SPN, if any. */
    private Optional<SpnHolder> otherHolder(Spn spn, Account account) {
        return holders(spn).stream().filter(h -> !h.dn().equalsIgnoreCase(account.dn())).findFirst();
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
            forest.forEach(filter, each, Ad.SERVICE_PRINCIPAL_NAME,
                    Ad.SAM_ACCOUNT_NAME);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "searching " + forest.description() + " for " + filter);
        }
    }

    private static SpnHolder holderOf(SearchResultEntry entry, String spn) {
        String sam = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
        return new SpnHolder(spn, sam == null ? entry.getDN() : sam, entry.getDN());
    }

    private static List<Spn> parseAll(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw KerbshellException.usage("name at least one SPN, e.g. cifs/hv01.corp.example");
        }
        Map<String, Spn> unique = new LinkedHashMap<>();
        for (String text : requested) {
            Spn spn = Spn.parse(text);
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
