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

    public AccountChange removeFromGroup(String groupName, String memberName, boolean dryRun) {
        AccountResolver resolver = new AccountResolver(session);
        Account group = resolver.resolve(groupName);
        Account member = resolver.resolve(memberName);
        if (!group.group()) {
            throw KerbshellException.usage(groupName + " is a " + group.kind() + ", not a group");
        }
        SearchResultEntry entry = read(group.dn(), Ad.MEMBER);
        String[] members = entry == null ? null : entry.getAttributeValues(Ad.MEMBER);
        String held = members == null ? null : List.of(members).stream()
                .filter(m -> m.equalsIgnoreCase(member.dn())).findFirst().orElse(null);
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

    private AccountChange clearFlag(String name, int flag, String done, String already, boolean dryRun) {
        Account account = new AccountResolver(session).resolve(name);
        for (int attempt = 1; ; attempt++) {
            int uac = currentUac(account);
            if ((uac & flag) == 0) {
                return new AccountChange(account.samAccountName(), account.dn(), already, dryRun, null);
            }
            LdapChange change = LdapChange.swap(account.dn(), Ad.USER_ACCOUNT_CONTROL, String.valueOf(uac),
                    String.valueOf(uac & ~flag));
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
