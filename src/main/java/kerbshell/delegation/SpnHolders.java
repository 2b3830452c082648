package kerbshell.delegation;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;
import kerbshell.error.KerbshellException;
import kerbshell.spn.Spn;
import kerbshell.spn.SpnHolder;
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
    private Map<String, String> mappings;

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
            spn = Spn.parse(text);
        } catch (KerbshellException e) {
            return new Holding(text, null, null, null, 0);
        }
        List<SpnHolder> holders = spns.holders(spn);
        if (!holders.isEmpty()) {
            return new Holding(text, holders.get(0).account(), holders.get(0).dn(), null, holders.size());
        }
        String alias = mappings().get(spn.serviceClass().toLowerCase(Locale.ROOT));
        if (alias == null) {
            return new Holding(text, null, null, null, 0);
        }
        Spn mapped = new Spn(alias.toUpperCase(Locale.ROOT), spn.host(), null, null);
        List<SpnHolder> viaHolders = spns.holders(mapped);
        return viaHolders.isEmpty() ? new Holding(text, null, null, null, 0)
                : new Holding(text, viaHolders.get(0).account(), viaHolders.get(0).dn(), mapped.toString(),
                viaHolders.size());
    }

    /** Alias service class to the class it maps to (cifs to host), from the forest's sPNMappings. */
    private Map<String, String> mappings() {
        if (mappings != null) {
            return mappings;
        }
        mappings = new HashMap<>();
        String configuration = session.domain().configurationNamingContext();
        if (configuration == null) {
            return mappings;
        }
        String dn = Ad.DIRECTORY_SERVICE_RDNS + "," + configuration;
        try {
            SearchResultEntry entry = session.ldap().getEntry(dn, Ad.SPN_MAPPINGS);
            String[] values = entry == null ? null : entry.getAttributeValues(Ad.SPN_MAPPINGS);
            for (String value : values == null ? new String[0] : values) {
                int equals = value.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String target = value.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                for (String alias : value.substring(equals + 1).split(",")) {
                    if (!alias.isBlank()) {
                        mappings.put(alias.strip().toLowerCase(Locale.ROOT), target);
                    }
                }
            }
            return mappings;
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading the sPNMappings of " + dn);
        }
    }
}
