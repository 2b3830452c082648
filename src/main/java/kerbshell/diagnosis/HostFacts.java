package kerbshell.diagnosis;

import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.delegation.SecurityDescriptor;
import kerbshell.directory.Ad;
import kerbshell.directory.Sid;

import java.util.ArrayList;
import java.util.List;

/**
 * What the checks need to know of one account, read in bulk: names, flags, SPNs, delegation lists, the accounts
 * allowed by its resource-based delegation, encryption types, operating system, whether it has keys.
 */
record HostFacts(String dn, String samAccountName, String name, String dnsHostName, String sid, boolean computer,
                 int userAccountControl, List<String> spns, List<String> allowedToDelegateTo,
                 List<String> rbcdAllowedSids, Integer supportedEncryptionTypes, String operatingSystem,
                 String operatingSystemVersion, long pwdLastSet) {

    static final String[] ATTRIBUTES = {Ad.SAM_ACCOUNT_NAME, Ad.DNS_HOST_NAME, Ad.OBJECT_SID, Ad.OBJECT_CLASS,
            Ad.USER_ACCOUNT_CONTROL, Ad.SERVICE_PRINCIPAL_NAME, Ad.ALLOWED_TO_DELEGATE_TO, Ad.ALLOWED_TO_ACT,
            Ad.SUPPORTED_ENCRYPTION_TYPES, Ad.OPERATING_SYSTEM, Ad.OPERATING_SYSTEM_VERSION, Ad.PWD_LAST_SET};

    static HostFacts of(SearchResultEntry entry) {
        String sam = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
        byte[] sid = entry.getAttributeValueBytes(Ad.OBJECT_SID);
        Integer uac = entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        Long pwdLastSet = entry.getAttributeValueAsLong(Ad.PWD_LAST_SET);
        return new HostFacts(entry.getDN(), sam, sam == null ? entry.getDN() : sam.replaceFirst("\\$$", ""),
                entry.getAttributeValue(Ad.DNS_HOST_NAME), sid == null ? null : Sid.fromBytes(sid).value(),
                entry.hasObjectClass(Ad.CLASS_COMPUTER), uac == null ? 0 : uac,
                values(entry, Ad.SERVICE_PRINCIPAL_NAME), values(entry, Ad.ALLOWED_TO_DELEGATE_TO),
                rbcdSids(entry.getAttributeValueBytes(Ad.ALLOWED_TO_ACT)),
                entry.getAttributeValueAsInteger(Ad.SUPPORTED_ENCRYPTION_TYPES),
                entry.getAttributeValue(Ad.OPERATING_SYSTEM), entry.getAttributeValue(Ad.OPERATING_SYSTEM_VERSION),
                pwdLastSet == null ? 0 : pwdLastSet);
    }

    boolean has(int flag) {
        return (userAccountControl & flag) != 0;
    }

    boolean enabled() {
        return !has(Ad.UAC_ACCOUNTDISABLE);
    }

    /** The short and DNS names SPNs of this host are made of. */
    List<String> hostNames() {
        return dnsHostName == null ? List.of(name) : List.of(name, dnsHostName);
    }

    boolean holds(String spn) {
        return spns.stream().anyMatch(spn::equalsIgnoreCase);
    }

    boolean delegatesTo(String spn) {
        return allowedToDelegateTo.stream().anyMatch(spn::equalsIgnoreCase);
    }

    /**
     * Windows Server 2016 and later (operatingSystemVersion 10.0): remote moves need protocol transition there.
     * Unknown counts as 2016 or later, the safe assumption for any current host.
     */
    boolean needsProtocolTransition() {
        return operatingSystemVersion == null || operatingSystemVersion.startsWith("10.")
                || operatingSystemVersion.compareTo("10") > 0;
    }

    private static List<String> values(SearchResultEntry entry, String attribute) {
        String[] values = entry.getAttributeValues(attribute);
        return values == null ? List.of() : List.of(values);
    }

    private static List<String> rbcdSids(byte[] descriptor) {
        List<String> sids = new ArrayList<>();
        if (descriptor == null) {
            return sids;
        }
        try {
            SecurityDescriptor.decode(descriptor).aces().stream()
                    .filter(ace -> ace.type() == 0 || ace.type() == 5) // access-allowed (object) ACEs
                    .forEach(ace -> ace.sid().ifPresent(s -> sids.add(s.value())));
        } catch (IllegalArgumentException e) {
            // A descriptor kerbshell cannot read allows nobody it can name; delegate show reports it.
        }
        return sids;
    }
}
