package kerbshell.delegation;

import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.spn.Spn;
import kerbshell.spn.SpnHolder;
import kerbshell.spn.SpnMappings;
import kerbshell.spn.SpnService;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        List<SpnHolder> holders = spns.holders(spn);
        if (!holders.isEmpty()) {
            return new Holding(text, holders.get(0).account(), holders.get(0).dn(), null, holders.size());
        }
        String alias = mappings().targetOf(spn.serviceClass()).orElse(null);
        if (alias == null) {
            return new Holding(text, null, null, null, 0);
        }
        Spn mapped = new Spn(alias.toUpperCase(Locale.ROOT), spn.host(), null, null);
        List<SpnHolder> viaHolders = spns.holders(mapped);
        return viaHolders.isEmpty() ? new Holding(text, null, null, null, 0)
                : new Holding(text, viaHolders.get(0).account(), viaHolders.get(0).dn(), mapped.toString(),
                viaHolders.size());
    }

    /** The forest's sPNMappings, read once per command. */
    private SpnMappings mappings() {
        if (mappings == null) {
            mappings = SpnMappings.read(session);
        }
        return mappings;
    }
}
