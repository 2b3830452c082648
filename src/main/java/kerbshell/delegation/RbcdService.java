package kerbshell.delegation;

import kerbshell.directory.SecurityDescriptor;
import kerbshell.directory.Sddl;
import kerbshell.directory.Account;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.directory.Sid;
import kerbshell.error.KerbshellException;

import java.util.ArrayList;
import java.util.List;

/**
 * Resource-based constrained delegation: the destination's msDS-AllowedToActOnBehalfOfOtherIdentity names who may
 * delegate to it, as allow ACEs in a security descriptor. Allowing adds one ACE, revoking removes the principal's
 * allow ACEs; every other ACE, the owner and the flags stay as they were. It is the kind that also works across
 * domains, and the one Windows Admin Center and Windows Server 2025 guidance use.
 */
public final class RbcdService {
    private final DirectorySession session;
    private final AccountResolver accounts;
    private final DelegationWriter writer;

    public RbcdService(DirectorySession session) {
        this.session = session;
        this.accounts = new AccountResolver(session);
        this.writer = new DelegationWriter(session);
    }

    /** Lets {@code source} delegate to {@code destination}. */
    public RbcdReport allow(String destination, String source, boolean dryRun) {
        Account to = accounts.resolve(destination);
        Account from = accounts.resolve(source);
        if (from.sid() == null) {
            throw KerbshellException.failure(from.dn() + " has no objectSid, so no descriptor can name it");
        }
        Sid sid = Sid.parse(from.sid());
        SidNames names = new SidNames(session);
        return writer.write(to, state -> {
            SecurityDescriptor old = state.descriptor();
            List<SecurityDescriptor.Ace> aces = old == null ? List.of() : old.aces();
            List<String> warnings = new ArrayList<>();
            if (aces.stream().anyMatch(a -> a.denies() && a.sid().filter(sid::equals).isPresent())) {
                warnings.add("a deny entry for " + from.samAccountName() + " in the descriptor overrides any allow; "
                        + "fix: remove it with PowerShell's Set-ADComputer or ldapmodify");
            }
            if (aces.stream().anyMatch(a -> a.allows() && a.sid().filter(sid::equals).isPresent())) {
                return report(to, from, RbcdReport.Result.ALREADY_ALLOWED, dryRun, old, old, warnings, null, names);
            }
            List<SecurityDescriptor.Ace> updated = new ArrayList<>(aces);
            updated.add(SecurityDescriptor.Ace.allow(sid));
            SecurityDescriptor next = (old == null ? SecurityDescriptor.empty() : old).withAces(updated);
            LdapChange change = old == null ? LdapChange.addBinary(to.dn(), Ad.ALLOWED_TO_ACT, next.encode())
                    : LdapChange.swapBinary(to.dn(), Ad.ALLOWED_TO_ACT, state.allowedToAct(), next.encode());
            return report(to, from, dryRun ? RbcdReport.Result.WOULD_ALLOW : RbcdReport.Result.ALLOWED, dryRun, old,
                    next, warnings, change, names);
        }, dryRun, "writing the resource-based delegation of");
    }

    /**
     * Removes {@code source}'s allow entries. {@code source} may be a SID, for an entry whose account was deleted.
     * When no entry is left the attribute is deleted (its exact value), not left as an empty descriptor.
     */
    public RbcdReport revoke(String destination, String source, boolean dryRun) {
        Account to = accounts.resolve(destination);
        Sid sid;
        String sourceName;
        if (source != null && source.strip().toUpperCase().startsWith("S-1-")) {
            try {
                sid = Sid.parse(source);
            } catch (IllegalArgumentException e) {
                throw KerbshellException.usage("'" + source + "' is not a SID: the form is S-1-5-21-...-1103");
            }
            sourceName = sid.value();
        } else {
            Account from = accounts.resolve(source);
            sid = Sid.parse(from.sid());
            sourceName = from.samAccountName();
        }
        SidNames names = new SidNames(session);
        return writer.write(to, state -> {
            SecurityDescriptor old = state.descriptor();
            List<SecurityDescriptor.Ace> aces = old == null ? List.of() : old.aces();
            List<SecurityDescriptor.Ace> kept = aces.stream()
                    .filter(a -> !(a.allows() && a.sid().filter(sid::equals).isPresent())).toList();
            if (kept.size() == aces.size()) {
                return report(to, sourceName, sid, RbcdReport.Result.NOT_ALLOWED, dryRun, old, old, List.of(), null,
                        names);
            }
            SecurityDescriptor next = kept.isEmpty() ? null : old.withAces(kept);
            LdapChange change = next == null ? LdapChange.deleteBinary(to.dn(), Ad.ALLOWED_TO_ACT, state.allowedToAct())
                    : LdapChange.swapBinary(to.dn(), Ad.ALLOWED_TO_ACT, state.allowedToAct(), next.encode());
            return report(to, sourceName, sid, dryRun ? RbcdReport.Result.WOULD_REVOKE : RbcdReport.Result.REVOKED,
                    dryRun, old, next, List.of(), change, names);
        }, dryRun, "writing the resource-based delegation of");
    }

    /** The descriptor's allow and deny entries, each SID named where the directory knows it. */
    static List<DelegationReport.ActingPrincipal> principals(SecurityDescriptor descriptor, SidNames names) {
        List<DelegationReport.ActingPrincipal> principals = new ArrayList<>();
        for (SecurityDescriptor.Ace ace : descriptor.aces()) {
            if (ace.sid().isEmpty()) {
                continue;
            }
            SidNames.Named named = names.of(ace.sid().get());
            principals.add(new DelegationReport.ActingPrincipal(named.sid(), named.name(), named.dn(),
                    ace.allows() ? "allow" : "deny"));
        }
        return principals;
    }

    private static RbcdReport report(Account to, Account from, RbcdReport.Result result, boolean dryRun,
                                     SecurityDescriptor before, SecurityDescriptor after, List<String> warnings,
                                     LdapChange change, SidNames names) {
        return report(to, from.samAccountName(), Sid.parse(from.sid()), result, dryRun, before, after, warnings,
                change, names);
    }

    private static RbcdReport report(Account to, String principal, Sid sid, RbcdReport.Result result, boolean dryRun,
                                     SecurityDescriptor before, SecurityDescriptor after, List<String> warnings,
                                     LdapChange change, SidNames names) {
        return new RbcdReport(to.samAccountName(), to.dn(), principal, sid.value(), result, dryRun,
                before == null ? List.of() : principals(before, names),
                after == null ? List.of() : principals(after, names),
                before == null ? null : Sddl.of(before), after == null ? null : Sddl.of(after), List.copyOf(warnings),
                change);
    }
}
