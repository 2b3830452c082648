package kerbshell.spn;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The forest's sPNMappings (on {@code CN=Directory Service,CN=Windows NT,CN=Services,CN=Configuration,...}): each
 * value {@code host=alerter,appmgmt,cisvc,...,cifs,...} makes the KDC serve a ticket for {@code cifs/hv02} with the
 * key of the account holding {@code HOST/hv02} when no account holds {@code cifs/hv02} itself. Read from the
 * directory, never assumed: a forest may have changed them. Immutable; safe to share between threads.
 */
public final class SpnMappings {
    private final Map<String, String> targetByAlias;

    private SpnMappings(Map<String, String> targetByAlias) {
        this.targetByAlias = Collections.unmodifiableMap(targetByAlias);
    }

    /** No mappings (a directory without the object, or one that has none). */
    public static SpnMappings none() {
        return new SpnMappings(Map.of());
    }

    /** The mappings as the directory holds them; none when the object or the attribute is absent. */
    public static SpnMappings read(DirectorySession session) {
        String configuration = session.domain().configurationNamingContext();
        if (configuration == null) {
            return none();
        }
        String dn = Ad.DIRECTORY_SERVICE_RDNS + "," + configuration;
        try {
            SearchResultEntry entry = session.ldap().getEntry(dn, Ad.SPN_MAPPINGS);
            String[] values = entry == null ? null : entry.getAttributeValues(Ad.SPN_MAPPINGS);
            return parse(values == null ? List.of() : List.of(values));
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading the sPNMappings of " + dn);
        }
    }

    /** Parses values of the form {@code target=alias,alias,...}; malformed values are skipped, as the KDC does. */
    public static SpnMappings parse(List<String> values) {
        Map<String, String> byAlias = new LinkedHashMap<>();
        for (String value : values) {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String target = value.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            for (String alias : value.substring(equals + 1).split(",")) {
                String key = alias.strip().toLowerCase(Locale.ROOT);
                if (!key.isEmpty() && !key.equals(target)) {
                    byAlias.putIfAbsent(key, target);
                }
            }
        }
        return new SpnMappings(byAlias);
    }

    /** The class the KDC falls back to for {@code serviceClass} (lower case), if the mappings name one. */
    public Optional<String> targetOf(String serviceClass) {
        return Optional.ofNullable(targetByAlias.get(serviceClass.toLowerCase(Locale.ROOT)));
    }

    /** Every class mapped to {@code target} (lower case), e.g. the ~50 classes HOST/ stands in for. */
    public Set<String> aliasesOf(String target) {
        Set<String> aliases = new TreeSet<>();
        targetByAlias.forEach((alias, to) -> {
            if (to.equalsIgnoreCase(target)) {
                aliases.add(alias);
            }
        });
        return aliases;
    }

    /** Every mapped class (lower case), in a stable order: a scan numbers them. */
    public List<String> aliases() {
        return List.copyOf(new TreeSet<>(targetByAlias.keySet()));
    }

    /** How many classes are mapped to another. */
    public int size() {
        return targetByAlias.size();
    }

    /**
     * The key that puts an SPN with every SPN the KDC may serve in its stead: {@code cifs/HV02} and
     * {@code HOST/hv02} both give {@code host/hv02}; an unmapped SPN gives its own lower-case form.
     */
    public String familyKey(String spn) {
        String lower = spn.toLowerCase(Locale.ROOT);
        int slash = lower.indexOf('/');
        if (slash <= 0) {
            return lower;
        }
        String target = targetByAlias.get(lower.substring(0, slash));
        return target == null ? lower : target + lower.substring(slash);
    }
}
