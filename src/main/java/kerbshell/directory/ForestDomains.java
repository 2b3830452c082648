package kerbshell.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The domains of the session's forest as the configuration partition lists them (crossRef objects under
 * CN=Partitions, readable from any DC): what a domain part of a name ({@code EVIL\alice}, {@code alice@evil.example})
 * is checked against.
 */
final class ForestDomains {
    /** One domain: NetBIOS name, DNS name and naming context. */
    record Domain(String netbios, String dns, String namingContext) {
        String describe() {
            return netbios == null ? dns : netbios + " (" + dns + ")";
        }
    }

    private final List<Domain> domains;
    private final Domain own;

    private ForestDomains(List<Domain> domains, Domain own) {
        this.domains = domains;
        this.own = own;
    }

    static ForestDomains of(DirectorySession session) {
        List<Domain> found = read(session);
        String base = session.baseDn();
        Domain own = found.stream().filter(d -> d.namingContext().equalsIgnoreCase(base)).findFirst()
                .orElse(new Domain(null, session.settings().domain(), base));
        return new ForestDomains(found.isEmpty() ? List.of(own) : found, own);
    }

    private static List<Domain> read(DirectorySession session) {
        String configuration = session.domain().configurationNamingContext();
        if (configuration == null) {
            return List.of();
        }
        try {
            return session.ldap().search(Ad.PARTITIONS_RDN + "," + configuration, SearchScope.ONE,
                            Filter.createANDFilter(Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_CROSS_REF),
                                    Filter.createPresenceFilter(Ad.NETBIOS_NAME)),
                            Ad.NETBIOS_NAME, Ad.DNS_ROOT, Ad.NC_NAME)
                    .getSearchEntries().stream()
                    .filter(e -> e.getAttributeValue(Ad.NC_NAME) != null && e.getAttributeValue(Ad.DNS_ROOT) != null)
                    .map(e -> new Domain(e.getAttributeValue(Ad.NETBIOS_NAME), e.getAttributeValue(Ad.DNS_ROOT),
                            e.getAttributeValue(Ad.NC_NAME)))
                    .toList();
        } catch (LDAPException e) {
            // The partitions may be unreadable to this account: then only the session's own domain is known.
            return List.of();
        }
    }

    Domain own() {
        return own;
    }

    /** Whether a domain part (NetBIOS or DNS name) names the session's own domain. */
    boolean isOwn(String domainPart) {
        String part = domainPart.toLowerCase(Locale.ROOT);
        return part.equalsIgnoreCase(own.dns()) || own.netbios() != null && part.equalsIgnoreCase(own.netbios())
                || own.netbios() == null && part.equalsIgnoreCase(own.dns().split("\\.")[0]);
    }

    Optional<Domain> byName(String domainPart) {
        return domains.stream().filter(d -> domainPart.equalsIgnoreCase(d.dns())
                || d.netbios() != null && domainPart.equalsIgnoreCase(d.netbios())).findFirst();
    }

    /** The domain whose naming context holds {@code dn}, if it is one of the forest's. */
    Optional<Domain> holding(String dn) {
        String lower = dn.toLowerCase(Locale.ROOT);
        return domains.stream().filter(d -> lower.endsWith("," + d.namingContext().toLowerCase(Locale.ROOT))
                || lower.equals(d.namingContext().toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(d -> d.namingContext().length()));
    }

    String list() {
        return String.join(", ", domains.stream().map(Domain::describe).toList());
    }
}
