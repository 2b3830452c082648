package kerbshell.account;

import kerbshell.directory.Ad;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One account as the rule book judges it, read once and never changed: userAccountControl decoded into named
 * flags, its SPNs and constrained delegation targets, its resource-based delegation decoded (or why it could not
 * be), encryption types, DNS name, the Windows Server release its operatingSystemVersion names, when its password
 * (and so its keys) was last set, and every group it is in, nested ones included. Read by {@link AccountSnapshots};
 * tests build them directly. Immutable, so safe to share between threads.
 *
 * @param name       the sAMAccountName without the trailing $ of computer accounts: what people call the host
 * @param pwdLastSet when the password was last set, null when never (an account without keys)
 * @param groups     every group the account is in, through nested groups too
 * @param primaryGroupId the RID of its primary group (513 Domain Users, 515 Domain Computers), null when unset;
 *                   memberOf never lists it
 */
public record AccountSnapshot(String dn, String samAccountName, String name, String dnsHostName, String sid,
                              boolean computer, int userAccountControl, Set<UacFlag> flags, List<String> spns,
                              List<String> allowedToDelegateTo, Rbcd rbcd, Integer supportedEncryptionTypes,
                              String operatingSystem, String operatingSystemVersion, WindowsRelease release,
                              Instant pwdLastSet, List<GroupMembership> groups, Integer primaryGroupId) {

    public AccountSnapshot {
        flags = Set.copyOf(flags);
        spns = List.copyOf(spns);
        allowedToDelegateTo = List.copyOf(allowedToDelegateTo);
        groups = List.copyOf(groups);
        rbcd = rbcd == null ? Rbcd.NONE : rbcd;
    }

    /** A snapshot whose flags and release are derived from the raw values, as the reader makes them. */
    public static AccountSnapshot of(String dn, String samAccountName, String dnsHostName, String sid,
                                     boolean computer, int userAccountControl, List<String> spns,
                                     List<String> allowedToDelegateTo, Rbcd rbcd, Integer supportedEncryptionTypes,
                                     String operatingSystem, String operatingSystemVersion, Instant pwdLastSet,
                                     List<GroupMembership> groups, Integer primaryGroupId) {
        String name = samAccountName == null ? dn : samAccountName.replaceFirst("\\$$", "");
        return new AccountSnapshot(dn, samAccountName, name, dnsHostName, sid, computer, userAccountControl,
                UacFlag.decode(userAccountControl), spns, allowedToDelegateTo, rbcd, supportedEncryptionTypes,
                operatingSystem, operatingSystemVersion, WindowsRelease.of(operatingSystemVersion), pwdLastSet,
                groups, primaryGroupId);
    }

    public boolean has(UacFlag flag) {
        return flags.contains(flag);
    }

    public boolean enabled() {
        return !has(UacFlag.ACCOUNTDISABLE);
    }

    /** A writable (SERVER_TRUST_ACCOUNT) or read-only (PARTIAL_SECRETS_ACCOUNT) domain controller. */
    public boolean domainController() {
        return Ad.isDomainController(userAccountControl);
    }

    /** The name findings use: the sAMAccountName, saying so when it is a domain controller. */
    public String label() {
        String sam = samAccountName == null ? dn : samAccountName;
        return domainController() ? sam + " (domain controller)" : sam;
    }

    /** The short and DNS names the host's SPNs are made of. */
    public List<String> hostNames() {
        return dnsHostName == null ? List.of(name) : List.of(name, dnsHostName);
    }

    public boolean holds(String spn) {
        return spns.stream().anyMatch(spn::equalsIgnoreCase);
    }

    public boolean delegatesTo(String spn) {
        return allowedToDelegateTo.stream().anyMatch(spn::equalsIgnoreCase);
    }

    /** The membership in the domain's Protected Users group (RID 525), direct or nested, if any. */
    public Optional<GroupMembership> protectedUsers() {
        return groups.stream().filter(g -> g.hasRid(Ad.RID_PROTECTED_USERS)).findFirst();
    }

    public boolean sameAccount(AccountSnapshot other) {
        return dn.toLowerCase(Locale.ROOT).equals(other.dn.toLowerCase(Locale.ROOT));
    }

    /**
     * This account with other delegation settings: what a host acts on when it cached its account before a change
     * (the lab's view of a host whose VMMS has not restarted).
     */
    public AccountSnapshot withDelegation(List<String> allowedToDelegateTo, int userAccountControl) {
        return new AccountSnapshot(dn, samAccountName, name, dnsHostName, sid, computer, userAccountControl,
                UacFlag.decode(userAccountControl), spns, allowedToDelegateTo, rbcd, supportedEncryptionTypes,
                operatingSystem, operatingSystemVersion, release, pwdLastSet, groups, primaryGroupId);
    }
}
