package kerbshell.delegation;

import kerbshell.directory.SecurityDescriptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Account;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;
import kerbshell.error.KerbshellException;

import java.util.List;

/**
 * An account's delegation settings as the directory holds them at one moment: userAccountControl, the
 * msDS-AllowedToDelegateTo list and the resource-based descriptor. Read again before every retry of a write.
 *
 * @param allowedToAct the raw msDS-AllowedToActOnBehalfOfOtherIdentity, or null when not set
 */
record DelegationState(Account account, int userAccountControl, List<String> allowedToDelegateTo,
                       byte[] allowedToAct, List<String> memberOf) {

    static final String[] ATTRIBUTES = {Ad.USER_ACCOUNT_CONTROL, Ad.ALLOWED_TO_DELEGATE_TO, Ad.ALLOWED_TO_ACT,
            Ad.MEMBER_OF};

    static DelegationState read(DirectorySession session, Account account) {
        try {
            SearchResultEntry entry = session.ldap().getEntry(account.dn(), ATTRIBUTES);
            if (entry == null) {
                throw KerbshellException.failure(account.dn() + " is gone from the directory: it was deleted or "
                        + "moved while kerbshell worked on it; run the command again");
            }
            return of(account, entry);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading the delegation settings of " + account.samAccountName());
        }
    }

    static DelegationState of(Account account, SearchResultEntry entry) {
        Integer uac = entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        String[] targets = entry.getAttributeValues(Ad.ALLOWED_TO_DELEGATE_TO);
        String[] groups = entry.getAttributeValues(Ad.MEMBER_OF);
        return new DelegationState(account, uac == null ? 0 : uac, targets == null ? List.of() : List.of(targets),
                entry.getAttributeValueBytes(Ad.ALLOWED_TO_ACT), groups == null ? List.of() : List.of(groups));
    }

    boolean has(int flag) {
        return (userAccountControl & flag) != 0;
    }

    boolean domainController() {
        return Ad.isDomainController(userAccountControl);
    }

    /** The descriptor, decoded; null when the attribute is not set. */
    SecurityDescriptor descriptor() {
        if (allowedToAct == null) {
            return null;
        }
        try {
            return SecurityDescriptor.decode(allowedToAct);
        } catch (IllegalArgumentException e) {
            throw KerbshellException.failure("the " + Ad.ALLOWED_TO_ACT + " of " + account.samAccountName()
                    + " is not a valid security descriptor (" + e.getMessage() + "); inspect it with ldapsearch "
                    + "before changing it", e);
        }
    }
}
