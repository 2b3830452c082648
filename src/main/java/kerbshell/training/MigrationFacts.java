package kerbshell.training;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.SecurityDescriptor;
import kerbshell.directory.Account;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;
import kerbshell.directory.Sid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the migration simulation reads from the directory: the hosts' and the operator's accounts as they are now. */
final class MigrationFacts {
    private static final int MAX_GROUPS = 500;
    private static final String[] HOST_ATTRIBUTES = {Ad.USER_ACCOUNT_CONTROL, Ad.ALLOWED_TO_DELEGATE_TO,
            Ad.ALLOWED_TO_ACT, Ad.SUPPORTED_ENCRYPTION_TYPES, Ad.OPERATING_SYSTEM, Ad.OPERATING_SYSTEM_VERSION};

    private final DirectorySession session;

    MigrationFacts(DirectorySession session) {
        this.session = session;
    }

    /**
     * A Hyper-V host's account.
     *
     * @param rbcdSids the accounts the host's resource-based delegation lets delegate to it
     */
    record Host(Account account, int userAccountControl, List<String> allowedToDelegateTo, List<String> rbcdSids,
                Integer encryptionTypes, String operatingSystem, String operatingSystemVersion) {

        boolean has(int flag) {
            return (userAccountControl & flag) != 0;
        }

        boolean delegatesTo(String spn) {
            return allowedToDelegateTo.stream().anyMatch(spn::equalsIgnoreCase);
        }

        /** The name moves use: the DNS name, as Hyper-V Manager and Move-VM get it from a cluster or DNS. */
        String moveName() {
            return account.dnsHostName() != null ? account.dnsHostName() : account.name();
        }

        /** Windows Server 2016 and later (version 10.0), or unknown, which counts as current. */
        boolean needsProtocolTransition() {
            return operatingSystemVersion == null || !operatingSystemVersion.startsWith("6.");
        }
    }

    /** The account that starts the move: whether it may be delegated at all. */
    record Operator(Account account, boolean sensitive, boolean protectedUsers) {
    }

    Host host(String name) {
        Account account = new AccountResolver(session).resolveComputer(name);
        SearchResultEntry entry = read(account.dn(), HOST_ATTRIBUTES);
        if (entry == null) {
            throw kerbshell.error.KerbshellException.failure(account.dn() + " vanished while kerbshell read it: run "
                    + "the command again");
        }
        Integer uac = entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        String[] targets = entry.getAttributeValues(Ad.ALLOWED_TO_DELEGATE_TO);
        return new Host(account, uac == null ? 0 : uac, targets == null ? List.of() : List.of(targets),
                rbcdSids(entry.getAttributeValueBytes(Ad.ALLOWED_TO_ACT)),
                entry.getAttributeValueAsInteger(Ad.SUPPORTED_ENCRYPTION_TYPES),
                entry.getAttributeValue(Ad.OPERATING_SYSTEM), entry.getAttributeValue(Ad.OPERATING_SYSTEM_VERSION));
    }

    Operator operator(String name) {
        Account account = new AccountResolver(session).resolve(name);
        return new Operator(account, (account.userAccountControl() & Ad.UAC_NOT_DELEGATED) != 0,
                inProtectedUsers(account.dn()));
    }

    /** Walks the account's groups, nested ones included, looking for Protected Users by its well-known RID. */
    private boolean inProtectedUsers(String dn) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(memberOf(read(dn, Ad.MEMBER_OF)));
        while (!pending.isEmpty() && seen.size() < MAX_GROUPS) {
            String group = pending.poll();
            if (!seen.add(group.toLowerCase(Locale.ROOT))) {
                continue;
            }
            SearchResultEntry entry = read(group, Ad.OBJECT_SID, Ad.MEMBER_OF);
            if (entry == null) {
                continue;
            }
            byte[] sid = entry.getAttributeValueBytes(Ad.OBJECT_SID);
            if (sid != null && Sid.fromBytes(sid).rid() == Ad.RID_PROTECTED_USERS) {
                return true;
            }
            pending.addAll(memberOf(entry));
        }
        return false;
    }

    private static List<String> memberOf(SearchResultEntry entry) {
        String[] groups = entry == null ? null : entry.getAttributeValues(Ad.MEMBER_OF);
        return groups == null ? List.of() : List.of(groups);
    }

    private static List<String> rbcdSids(byte[] descriptor) {
        List<String> sids = new ArrayList<>();
        if (descriptor == null) {
            return sids;
        }
        try {
            SecurityDescriptor.decode(descriptor).aces().stream()
                    .filter(ace -> ace.type() == SecurityDescriptor.Ace.ACCESS_ALLOWED || ace.type() == 5)
                    .forEach(ace -> ace.sid().ifPresent(s -> sids.add(s.value())));
        } catch (IllegalArgumentException e) {
            // A descriptor kerbshell cannot read allows nobody it can name; 'delegate show' reports it.
        }
        return sids;
    }

    private SearchResultEntry read(String dn, String... attributes) {
        try {
            return session.ldap().getEntry(dn, attributes);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return null;
            }
            throw LdapFailures.onOperation(e, "reading " + dn);
        }
    }
}
