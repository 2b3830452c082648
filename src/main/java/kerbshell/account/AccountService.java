package kerbshell.account;

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

import java.util.List;
import java.util.Locale;

/**
 * The account fixes the checks call for: enable a disabled account, clear "sensitive and cannot be delegated",
 * take an account out of a group (Protected Users). userAccountControl is changed by deleting the exact old value
 * and adding the new one in one modify, so a concurrent change makes ours fail rather than be overwritten; it is
 * then read again and tried once more.
 */
public final class AccountService {
    private final DirectorySession session;

    public AccountService(DirectorySession session) {
        this.session = session;
    }

    public AccountChange enable(String name, boolean dryRun) {
        return clearFlag(name, Ad.UAC_ACCOUNTDISABLE, "enabled", "already enabled", dryRun);
    }

    public AccountChange makeDelegable(String name, boolean dryRun) {
        return clearFlag(name, Ad.UAC_NOT_DELEGATED, "may now be delegated (NOT_DELEGATED cleared)",
                "already delegable", dryRun);
    }

    public AccountChange disable(String name, boolean dryRun) {
        return setFlag(name, Ad.UAC_ACCOUNTDISABLE, "disabled", "already disabled", dryRun);
    }

    /** Marks an account "sensitive and cannot be delegated", as privileged accounts should be. */
    public AccountChange makeSensitive(String name, boolean dryRun) {
        return setFlag(name, Ad.UAC_NOT_DELEGATED, "is now sensitive and cannot be delegated (NOT_DELEGATED set)",
                "already sensitive", dryRun);
    }

    /** Sets msDS-SupportedEncryptionTypes (e.g. "rc4,aes128,aes256" or 28), swapping out the old value. */
    public AccountChange setEncryptionTypes(String name, String types, boolean dryRun) {
        Account account = new AccountResolver(session).resolvePrincipal(name);
        int wanted = EncryptionTypes.parse(types);
        SearchResultEntry entry = read(account.dn(), Ad.SUPPORTED_ENCRYPTION_TYPES);
        String old = entry == null ? null : entry.getAttributeValue(Ad.SUPPORTED_ENCRYPTION_TYPES);
        if (old != null && Integer.parseInt(old) == wanted) {
            return new AccountChange(account.samAccountName(), account.dn(), "already " + EncryptionTypes.describe(wanted),
                    dryRun, null);
        }
        LdapChange change = old == null
                ? LdapChange.add(account.dn(), Ad.SUPPORTED_ENCRYPTION_TYPES, List.of(String.valueOf(wanted)))
                : LdapChange.swap(account.dn(), Ad.SUPPORTED_ENCRYPTION_TYPES, old, String.valueOf(wanted));
        if (!dryRun) {
            write(change, "setting the encryption types of " + account.samAccountName());
        }
        return new AccountChange(account.samAccountName(), account.dn(), (dryRun ? "would support " : "supports ")
                + EncryptionTypes.describe(wanted), dryRun, change);
    }

    /**
     * Sets a computer's dNSHostName (default: its name in the session's domain), swapping out the old value. The
     * FQDN forms of its SPNs and delegation entries are made from it; Netlogon on the host rewrites it from the
     * host's own name at each start, so a value that disagrees with the host does not last.
     */
    public AccountChange setDnsHostName(String name, String dnsName, boolean dryRun) {
        Account account = new AccountResolver(session).resolveComputer(name);
        String wanted = (dnsName == null || dnsName.isBlank()
                ? account.name() + "." + session.domain().dnsDomain() : dnsName.strip()).toLowerCase(Locale.ROOT);
        if (!wanted.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            throw KerbshellException.usage("'" + wanted + "' is not a DNS name: give the host's FQDN, e.g. "
                    + account.name().toLowerCase(Locale.ROOT) + "." + session.domain().dnsDomain());
        }
        SearchResultEntry entry = read(account.dn(), Ad.DNS_HOST_NAME);
        String old = entry == null ? null : entry.getAttributeValue(Ad.DNS_HOST_NAME);
        if (wanted.equalsIgnoreCase(old)) {
            return new AccountChange(account.samAccountName(), account.dn(), "dNSHostName is already " + old, dryRun,
                    null);
        }
        LdapChange change = old == null ? LdapChange.add(account.dn(), Ad.DNS_HOST_NAME, List.of(wanted))
                : LdapChange.swap(account.dn(), Ad.DNS_HOST_NAME, old, wanted);
        if (!dryRun) {
            write(change, "setting the dNSHostName of " + account.samAccountName());
        }
        return new AccountChange(account.samAccountName(), account.dn(), (dryRun ? "dNSHostName would be "
                : "dNSHostName is now ") + wanted + " (Netlogon on " + account.name() + " keeps it from the host's "
                + "own name)", dryRun, change);
    }

    public AccountChange addToGroup(String groupName, String memberName, boolean dryRun) {
        AccountResolver resolver = new AccountResolver(session);
        Account group = resolver.resolveGroup(groupName);
        Account member = resolver.resolve(memberName);
        if (membersOf(group).stream().anyMatch(m -> m.equalsIgnoreCase(member.dn()))) {
            return new AccountChange(member.samAccountName(), member.dn(), "already a member of "
                    + group.samAccountName(), dryRun, null);
        }
        LdapChange change = LdapChange.add(group.dn(), Ad.MEMBER, List.of(member.dn()));
        if (!dryRun) {
            write(change, "adding " + member.samAccountName() + " to " + group.samAccountName());
        }
        return new AccountChange(member.samAccountName(), member.dn(), (dryRun ? "would be added" : "added")
                + " to " + group.samAccountName(), dryRun, change);
    }

    public AccountChange removeFromGroup(String groupName, String memberName, boolean dryRun) {
        AccountResolver resolver = new AccountResolver(session);
        Account group = resolver.resolveGroup(groupName);
        Account member = resolver.resolve(memberName);
        String held = membersOf(group).stream().filter(m -> m.equalsIgnoreCase(member.dn())).findFirst().orElse(null);
        if (held == null) {
            return new AccountChange(member.samAccountName(), member.dn(), "not a member of " + group.samAccountName(),
                    dryRun, null);
        }
        LdapChange change = LdapChange.delete(group.dn(), Ad.MEMBER, List.of(held));
        if (!dryRun) {
            write(change, "removing " + member.samAccountName() + " from " + group.samAccountName());
        }
        return new AccountChange(member.samAccountName(), member.dn(), (dryRun ? "would be removed" : "removed")
                + " from " + group.samAccountName(), dryRun, change);
    }

    private List<String> membersOf(Account group) {
        SearchResultEntry entry = read(group.dn(), Ad.MEMBER);
        String[] members = entry == null ? null : entry.getAttributeValues(Ad.MEMBER);
        return members == null ? List.of() : List.of(members);
    }

    private AccountChange clearFlag(String name, int flag, String done, String already, boolean dryRun) {
        return changeFlag(name, flag, false, done, already, dryRun);
    }

    private AccountChange setFlag(String name, int flag, String done, String already, boolean dryRun) {
        return changeFlag(name, flag, true, done, already, dryRun);
    }

    private AccountChange changeFlag(String name, int flag, boolean on, String done, String already, boolean dryRun) {
        Account account = new AccountResolver(session).resolvePrincipal(name);
        for (int attempt = 1; ; attempt++) {
            int uac = currentUac(account);
            if (((uac & flag) != 0) == on) {
                return new AccountChange(account.samAccountName(), account.dn(), already, dryRun, null);
            }
            LdapChange change = LdapChange.swap(account.dn(), Ad.USER_ACCOUNT_CONTROL, String.valueOf(uac),
                    String.valueOf(on ? uac | flag : uac & ~flag));
            if (dryRun) {
                return new AccountChange(account.samAccountName(), account.dn(), "would be " + done, true, change);
            }
            try {
                session.apply(change);
                return new AccountChange(account.samAccountName(), account.dn(), done, false, change);
            } catch (LDAPException e) {
                boolean raced = e.getResultCode() == ResultCode.NO_SUCH_ATTRIBUTE;
                if (!raced || attempt == 2) {
                    throw failure(e, account);
                }
            }
        }
    }

    private int currentUac(Account account) {
        SearchResultEntry entry = read(account.dn(), Ad.USER_ACCOUNT_CONTROL);
        Integer uac = entry == null ? null : entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        return uac == null ? 0 : uac;
    }

    private SearchResultEntry read(String dn, String... attributes) {
        try {
            return session.ldap().getEntry(dn, attributes);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading " + dn);
        }
    }

    private void write(LdapChange change, String what) {
        try {
            session.apply(change);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, what);
        }
    }

    private static KerbshellException failure(LDAPException e, Account account) {
        if (e.getResultCode() == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            return KerbshellException.failure("access denied changing userAccountControl of " + account.samAccountName()
                    + ": the bound account needs write access to it (Account Operators or Domain Admins)", e);
        }
        return LdapFailures.onOperation(e, "changing userAccountControl of " + account.samAccountName());
    }
}
