package kerbshell.delegation;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import kerbshell.directory.Account;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.ChangeSet;
import kerbshell.directory.LdapChange;
import kerbshell.directory.LdapFailures;
import kerbshell.error.KerbshellException;

import java.util.List;
import java.util.function.Function;

/**
 * Writes one account's delegation change the way a concurrent change cannot be lost: the change is planned from
 * the values just read, deletes exactly those old values and adds the new ones in one modify, so that if someone
 * changed them meanwhile the DC refuses it (no such value to delete, or the value to add exists); then the account
 * is read again, the change planned again, and sent once more.
 */
final class DelegationWriter {
    private final DirectorySession session;

    DelegationWriter(DirectorySession session) {
        this.session = session;
    }

    /** A change planned from an account's state, and what it tells the user. */
    interface Planned extends ChangeSet {
        LdapChange change();

        @Override
        default List<LdapChange> plannedChanges() {
            return change() == null || change().isEmpty() ? List.of() : List.of(change());
        }
    }

    /** Plans the change from the current state and, unless it is a dry run, makes it; returns the plan sent. */
    <R extends Planned> R write(Account account, Function<DelegationState, R> plan, boolean dryRun, String what) {
        R planned = plan.apply(DelegationState.read(session, account));
        if (dryRun || planned.change() == null || planned.change().isEmpty()) {
            return planned;
        }
        try {
            session.apply(planned.change());
            return planned;
        } catch (LDAPException first) {
            if (!changedMeanwhile(first)) {
                throw refusal(first, account, what);
            }
        }
        R again = plan.apply(DelegationState.read(session, account));
        if (again.change() == null || again.change().isEmpty()) {
            return again;
        }
        try {
            session.apply(again.change());
            return again;
        } catch (LDAPException second) {
            if (changedMeanwhile(second)) {
                throw KerbshellException.failure("the delegation settings of " + account.samAccountName()
                        + " changed twice while kerbshell was " + what + " (" + second.getResultCode().getName()
                        + "); this change was not written: look at them with 'delegate show "
                        + account.name() + "' and run it again", second);
            }
            throw refusal(second, account, what);
        }
    }

    /** The old value to delete is gone, or the value to add is there already: someone else wrote first. */
    private static boolean changedMeanwhile(LDAPException e) {
        return e.getResultCode() == ResultCode.NO_SUCH_ATTRIBUTE
                || e.getResultCode() == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS;
    }

    /** The DC's refusals of delegation writes, in words. */
    static KerbshellException refusal(LDAPException e, Account account, String what) {
        String diagnostic = e.getDiagnosticMessage() == null ? e.getMessage() : e.getDiagnosticMessage().strip();
        if (e.getResultCode() == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            return KerbshellException.failure("access denied " + what + " " + account.samAccountName()
                    + ": delegation settings can be changed only by an account holding SeEnableDelegationPrivilege "
                    + "(by default Domain Admins and Administrators) with write access to " + account.dn()
                    + "; connect as such an account (the DC said: " + diagnostic + ")", e);
        }
        if (diagnostic.contains("can only be modified as system")) {
            return KerbshellException.failure("the DC refused " + what + " " + account.samAccountName()
                    + ": Samba lets only the DC itself change msDS-AllowedToActOnBehalfOfOtherIdentity (" + diagnostic
                    + "); on a Samba DC use 'samba-tool delegation add-principal|del-principal' on the DC itself", e);
        }
        return LdapFailures.onOperation(e, what + " " + account.samAccountName());
    }
}
