package kerbshell.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import kerbshell.error.KerbshellException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the one account a user means, however they name it: NetBIOS name (HV01), sAMAccountName (HV01$), DNS
 * name (hv01.corp.example), user principal name or DN. Every command that takes a host or user goes through
 * here, so an unknown or ambiguous name always gets the same clear error.
 */
public final class AccountResolver {
    private final DirectorySession session;

    public AccountResolver(DirectorySession session) {
        this.session = session;
    }

    /** Any account: user, computer or group. */
    public Account resolve(String name) {
        String given = name == null ? "" : name.trim();
        if (given.isEmpty()) {
            throw KerbshellException.usage("an account name is needed");
        }
        if (given.contains("=") && DN.isValidDN(given)) {
            return byDn(given);
        }
        List<Account> found = search(filterFor(given));
        if (found.isEmpty()) {
            throw KerbshellException.failure("no account named " + given + " in " + session.settings().domain()
                    + " (looked for it as sAMAccountName, DNS host name and user principal name): check the name");
        }
        if (found.size() > 1) {
            throw KerbshellException.failure(given + " is ambiguous: it matches " + found.size() + " accounts ("
                    + found.stream().map(Account::dn).collect(Collectors.joining("; "))
                    + "): give the DN or the sAMAccountName");
        }
        return found.get(0);
    }

    /** A computer account; a user or group by that name is an error that says what it is. */
    public Account resolveComputer(String name) {
        Account account = resolve(name);
        if (!account.computer()) {
            throw KerbshellException.failure(name + " is a " + account.kind() + " (" + account.dn()
                    + "), not a computer: give a host name");
        }
        return account;
    }

    public static Filter filterFor(String name) {
        if (name.endsWith("$")) {
            return Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name);
        }
        if (name.contains("@")) {
            return Filter.createORFilter(Filter.createEqualityFilter(Ad.USER_PRINCIPAL_NAME, name),
                    Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name.substring(0, name.indexOf('@'))));
        }
        if (name.contains("\\")) {
            return Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name.substring(name.indexOf('\\') + 1));
        }
        if (name.contains(".")) {
            return Filter.createEqualityFilter(Ad.DNS_HOST_NAME, name);
        }
        // A bare name is a computer's NetBIOS name (sAMAccountName without the $) or a user's or group's name.
        return Filter.createORFilter(Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name + "$"),
                Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name));
    }

    private List<Account> search(Filter filter) {
        try {
            return session.ldap().search(session.baseDn(), SearchScope.SUB, filter, Account.ATTRIBUTES)
                    .getSearchEntries().stream().map(Account::from).toList();
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "looking up " + filter);
        }
    }

    private Account byDn(String dn) {
        try {
            SearchResultEntry entry = session.ldap().getEntry(dn, Account.ATTRIBUTES);
            if (entry == null) {
                throw KerbshellException.failure("no entry " + dn + " in " + session.settings().domain());
            }
            return Account.from(entry);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                throw KerbshellException.failure("no entry " + dn + " in " + session.settings().domain());
            }
            throw LdapFailures.onOperation(e, "reading " + dn);
        }
    }
}
