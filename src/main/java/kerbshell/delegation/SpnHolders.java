package kerbshell.delegation;

import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.rules.SpnFacts;
import kerbshell.spn.Spn;
import kerbshell.spn.SpnMappings;
import kerbshell.spn.SpnService;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which account a delegation target SPN leads to, as the KDC finds it: the account holding it, or else, when the
 * forest's sPNMappings make its service class an alias of HOST (cifs is), the account holding HOST/ for that host.
 * A target nobody holds is useless: the KDC cannot issue a ticket for it. Caches answers for one command.
 */
final class SpnHolders {
    private final DirectorySession session;
    private final SpnService spns;
    private final Map<String, Holding> cache = new HashMap<>();
    private SpnMappings mappings;

    SpnHolders(DirectorySession session) {
        this.session = session;
        this.spns = new SpnService(session);
    }

    /**
     * @param holder the account that holds the SPN, null when none does; the first one when several do
     * @param via    the SPN actually held when the KDC reaches the target through sPNMappings, else null
     * @param count  how many accounts hold it (more than one is a duplicate and the KDC refuses it)
     */
    record Holding(String spn, String holder, String holderDn, String via, int count) {
        boolean exists() {
            return count == 1;
        }
    }

    Holding of(String text) {
        return cache.computeIfAbsent(text.toLowerCase(Locale.ROOT), key -> lookUp(text));
    }

    private Holding lookUp(String text) {
        Spn spn;
        try {
            spn = Spn.parseHeld(text);
        } catch (KerbshellException e) {
            return new Holding(text, null, null, null, 0);
        }
        // Where the KDC finds it is the rule book's call (SpnFacts.resolve): here only the holders are read.
        Map<String, List<SpnFacts.Holder>> holders = new HashMap<>();
        List<SpnFacts.Holder> direct = holdersOf(spn);
        holders.put(text.toLowerCase(Locale.ROOT), direct);
        Set<String> hostMapped = new HashSet<>();
        boolean toHost = mappings().targetOf(spn.serviceClass()).filter("host"::equalsIgnoreCase).isPresent();
        if (direct.isEmpty() && toHost) {
            hostMapped.add(spn.serviceClass().toLowerCase(Locale.ROOT));
            holders.put(("HOST/" + spn.host()).toLowerCase(Locale.ROOT), holdersOf(new Spn("HOST", spn.host(), null,
                    null)));
        }
        SpnFacts.Verdict verdict = new SpnFacts(holders, hostMapped).resolve(text);
        SpnFacts.Holder first = verdict.holders().isEmpty() ? null : verdict.holders().get(0);
        return new Holding(text, first == null ? null : first.samAccountName(), first == null ? null : first.dn(),
                verdict.via(), verdict.holders().size());
    }

    private List<SpnFacts.Holder> holdersOf(Spn spn) {
        return spns.holders(spn).stream().map(h -> new SpnFacts.Holder(h.account(), h.dn())).toList();
    }

    /** The forest's sPNMappings, read once per command. */
    private SpnMappings mappings() {
        if (mappings == null) {
            mappings = SpnMappings.read(session);
        }
        return mappings;
    }
}
