package kerbshell.diagnosis;

import kerbshell.account.AccountSnapshot;
import kerbshell.account.AccountSnapshots;
import kerbshell.rules.Move;
import kerbshell.rules.RuleContext;
import kerbshell.rules.SpnFacts;
import kerbshell.spn.SpnHolderSearch;
import kerbshell.spn.SpnMappings;
import kerbshell.spn.SpnOwnership;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.util.StaticUtils;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the SPN and domain facts the checks need beside the accounts ({@link AccountSnapshots}): the holders of
 * all the hosts' SPNs in batches, the sPNMappings once, the DC's time. Together with the snapshots, everything
 * the checks need in a number of searches that grows with the hosts, never with the pairs.
 */
public final class FactsReader {
    private static final int BATCH = 50;

    private final DirectorySession session;
    private final AccountSnapshots accounts;
    private int searches;

    public FactsReader(DirectorySession session) {
        this.session = session;
        this.accounts = new AccountSnapshots(session);
    }

    /** The reader of the accounts themselves, sharing this reader's cache of groups. */
    public AccountSnapshots accounts() {
        return accounts;
    }

    /** How many LDAP operations this reader made: the benchmark shows it does not grow with the pairs. */
    public int searches() {
        return searches + accounts.searches();
    }

    /** The rules' context for a move: the domain's DNS name and when it got AES, read here. */
    public RuleContext context(Move move, boolean allowDomainControllerFixes) {
        return new RuleContext(move, session.domain().dnsDomain(), accounts.aesSince().orElse(null),
                allowDomainControllerFixes);
    }

    /** The holders of every SPN the rules need for these accounts, and the classes HOST/ serves. */
    public SpnFacts spnFacts(List<AccountSnapshot> hosts) {
        SpnFacts facts = new SpnFacts(holders(SpnFacts.lookUps(hosts)), hostMappedClasses());
        List<String> ghosts = facts.ghostTargets(hosts);
        if (ghosts.isEmpty()) {
            return facts;
        }
        // Which accounts the ghosts' hosts name: a ghost whose host still has an account is one it lost.
        searches++;
        return facts.withAccountsNamed(new SpnHolderSearch(session.forest()).accountsNamed(ghosts.stream()
                .map(SpnOwnership::hostOf).filter(h -> !h.isEmpty()).distinct().toList()));
    }

    /** For each SPN asked about (lower case), the accounts in the forest that hold it. */
    Map<String, List<SpnFacts.Holder>> holders(Collection<String> spns) {
        Map<String, List<SpnFacts.Holder>> holders = new HashMap<>();
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
                        List<SpnFacts.Holder> list = holders.get(spn.toLowerCase(Locale.ROOT));
                        // An account holding SPNs of several batches comes back once per batch: count it once.
                        if (list != null && list.stream().noneMatch(h -> h.dn().equalsIgnoreCase(entry.getDN()))) {
                            list.add(new SpnFacts.Holder(sam == null ? entry.getDN() : sam, entry.getDN()));
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
        searches++;
        return SpnMappings.read(session).aliasesOf("host").stream().map(c -> c.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Seconds the DC's clock is ahead of this machine's (negative when behind), or null when it does not say. */
    public Long clockSkewSeconds() {
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
}
