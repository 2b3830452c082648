package kerbshell.lab;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import kerbshell.directory.Ad;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the lab account a Kerberos principal name stands for, by the rules an AD KDC applies: a one-part name is
 * a logon name (sAMAccountName or userPrincipalName), a name of two or more parts is an SPN that exactly one
 * account must hold, and an SPN nobody holds falls back through the forest's sPNMappings to the host SPN.
 *
 * <p>Every call reads the directory as it is now, so an SPN change is visible to the next ticket request.
 */
final class LabAccountResolver {
    private final LabDirectory directory;
    private final String spnMappingsDn;

    LabAccountResolver(LabDirectory directory) {
        this.directory = directory;
        this.spnMappingsDn = Ad.DIRECTORY_SERVICE_RDNS + "," + LabDirectory.CONFIGURATION_DN;
    }

    /**
     * The account behind a principal's name components (realm already removed), or empty when the KDC must say it
     * does not know the principal. Logon names come back even when disabled, so that the KDC can refuse the client
     * with its own code; an SPN whose holder is disabled is unknown, as on a DC.
     */
    Optional<LabAccount> resolve(List<String> components) {
        try {
            if (components.size() == 1) {
                return byLogonName(components.get(0));
            }
            String spn = String.join("/", components);
            List<SearchResultEntry> holders = holdersOf(spn);
            if (holders.isEmpty()) {
                return mappedSpn(components).flatMap(this::soleEnabledHolder);
            }
            return onlyEnabled(holders);
        } catch (LDAPException e) {
            throw new IllegalStateException("the lab directory did not answer: " + e.getMessage(), e);
        }
    }

    /** Every logon name and SPN the directory holds, for Kerby's listing of identities. */
    List<String> allNames() throws LDAPException {
        Filter users = Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_USER);
        return directory.system().search(LabDirectory.BASE_DN, SearchScope.SUB, users,
                        Ad.SAM_ACCOUNT_NAME, Ad.SERVICE_PRINCIPAL_NAME).getSearchEntries().stream()
                .flatMap(entry -> {
                    String[] spns = entry.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME);
                    return Stream.concat(Stream.ofNullable(entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME)),
                            spns == null ? Stream.empty() : Arrays.stream(spns));
                })
                .toList();
    }

    private Optional<LabAccount> byLogonName(String name) throws LDAPException {
        // A principal's one part is the sAMAccountName, or a whole UPN when the client sent an enterprise name.
        Filter filter = Filter.createANDFilter(
                Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_USER),
                Filter.createORFilter(
                        Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name),
                        Filter.createEqualityFilter(Ad.USER_PRINCIPAL_NAME, name),
                        Filter.createEqualityFilter(Ad.USER_PRINCIPAL_NAME, name + "@" + LabDirectory.DOMAIN)));
        List<SearchResultEntry> found = search(filter);
        return found.size() == 1 ? Optional.of(LabAccount.of(found.get(0))) : Optional.empty();
    }

    private Optional<LabAccount> soleEnabledHolder(String spn) {
        try {
            return onlyEnabled(holdersOf(spn));
        } catch (LDAPException e) {
            throw new IllegalStateException("the lab directory did not answer: " + e.getMessage(), e);
        }
    }

    /** A DC issues no ticket for an SPN two accounts hold (it cannot tell whose key to use) or a disabled one holds. */
    private static Optional<LabAccount> onlyEnabled(List<SearchResultEntry> holders) {
        if (holders.size() != 1) {
            return Optional.empty();
        }
        LabAccount account = LabAccount.of(holders.get(0));
        return account.disabled() ? Optional.empty() : Optional.of(account);
    }

    private List<SearchResultEntry> holdersOf(String spn) throws LDAPException {
        // servicePrincipalName uses caseIgnoreMatch in the lab schema, the comparison AD makes.
        return search(Filter.createANDFilter(
                Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_USER),
                Filter.createEqualityFilter(Ad.SERVICE_PRINCIPAL_NAME, spn)));
    }

    /** The SPN a DC tries when nobody holds the requested one: {@code <target>/<host>} if sPNMappings maps the class. */
    private Optional<String> mappedSpn(List<String> components) throws LDAPException {
        String serviceClass = components.get(0).toLowerCase(Locale.ROOT);
        String target = spnMappings().get(serviceClass);
        if (target == null || target.equals(serviceClass)) {
            return Optional.empty();
        }
        String host = components.get(1);
        int port = host.indexOf(':');
        return Optional.of(target + "/" + (port >= 0 ? host.substring(0, port) : host));
    }

    /** Alias service class to target class, read on every call so that an edited mapping takes effect at once. */
    private Map<String, String> spnMappings() throws LDAPException {
        Map<String, String> mappings = new HashMap<>();
        SearchResultEntry entry = directory.system().getEntry(spnMappingsDn, Ad.SPN_MAPPINGS);
        String[] values = entry == null ? null : entry.getAttributeValues(Ad.SPN_MAPPINGS);
        if (values == null) {
            return mappings;
        }
        for (String value : values) {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String target = value.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            for (String alias : value.substring(equals + 1).split(",")) {
                if (!alias.isBlank()) {
                    mappings.put(alias.trim().toLowerCase(Locale.ROOT), target);
                }
            }
        }
        return mappings;
    }

    private List<SearchResultEntry> search(Filter filter) throws LDAPException {
        return directory.system().search(LabDirectory.BASE_DN, SearchScope.SUB, filter,
                Ad.USER_ACCOUNT_CONTROL, Ad.KEY_VERSION_NUMBER).getSearchEntries();
    }

    /** An account as the KDC needs it: where its secret lives, whether it may log on, and its key version. */
    record LabAccount(String dn, boolean disabled, int keyVersion) {
        static LabAccount of(SearchResultEntry entry) {
            Integer uac = entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
            Integer kvno = entry.getAttributeValueAsInteger(Ad.KEY_VERSION_NUMBER);
            return new LabAccount(entry.getDN(), uac != null && (uac & Ad.UAC_ACCOUNTDISABLE) != 0,
                    kvno == null ? 1 : kvno);
        }
    }
}
