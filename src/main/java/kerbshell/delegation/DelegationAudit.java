package kerbshell.delegation;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import kerbshell.account.AccountSnapshot;
import kerbshell.account.AccountSnapshots;
import kerbshell.account.Rbcd;
import kerbshell.account.UacFlag;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.Sid;
import kerbshell.error.KerbshellException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every delegation in the domain, as PingCastle and impacket's findDelegation look at it: unconstrained delegation
 * (domain controllers apart), protocol transition, constrained delegation and where its targets lead, resource-based
 * delegation, and privileged users whose credentials can still be delegated. userAccountControl is read and decoded
 * here rather than filtered with AD's bitwise matching rule, so the lab and a real DC run the same code.
 */
public final class DelegationAudit {
    private static final Set<String> OPEN_TO_ALL = Set.of("S-1-1-0", "S-1-5-11", "S-1-5-7");
    private static final Set<Integer> PRIVILEGED_RIDS = Set.of(Ad.RID_DOMAIN_ADMINS, Ad.RID_ENTERPRISE_ADMINS,
            Ad.RID_SCHEMA_ADMINS);

    private final DirectorySession session;

    public DelegationAudit(DirectorySession session) {
        this.session = session;
    }

    public AuditReport run() {
        List<AccountSnapshot> all = new AccountSnapshots(session).all();
        Map<String, AccountSnapshot> byDn = new HashMap<>();
        all.forEach(a -> byDn.put(key(a.dn()), a));
        SpnHolders holders = new SpnHolders(session);
        SidNames names = new SidNames(session);
        List<Finding> findings = new ArrayList<>();
        List<String> controllers = new ArrayList<>();
        for (AccountSnapshot account : all) {
            if (account.domainController()) {
                controllers.add(account.samAccountName());
            }
            unconstrained(account, findings);
            constrained(account, holders, byDn, findings);
            resourceBased(account, names, findings);
            delegable(account, findings);
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::account,
                String.CASE_INSENSITIVE_ORDER).thenComparing(Finding::kind));
        controllers.sort(String.CASE_INSENSITIVE_ORDER);
        return new AuditReport(session.settings().domain(), all.size(), List.copyOf(findings),
                List.copyOf(controllers));
    }

    private static void unconstrained(AccountSnapshot account, List<Finding> findings) {
        if (!account.has(UacFlag.TRUSTED_FOR_DELEGATION)) {
            return;
        }
        if (account.domainController()) {
            findings.add(new Finding(Finding.Severity.INFO, account.samAccountName(), account.dn(), "unconstrained-dc",
                    "domain controller: unconstrained delegation by design", null));
            return;
        }
        findings.add(new Finding(Finding.Severity.HIGH, account.samAccountName(), account.dn(), "unconstrained",
                "may delegate the credentials of every user who authenticates to it to any service "
                        + "(TRUSTED_FOR_DELEGATION; PingCastle P-UnconstrainedDelegation)",
                "replace it with constrained delegation: 'delegate untrust " + account.name()
                        + " --any-service', then 'delegate trust " + account.name() + " --to HOST'"));
    }

    private static void constrained(AccountSnapshot account, SpnHolders holders, Map<String, AccountSnapshot> byDn,
                                    List<Finding> findings) {
        boolean transition = account.has(UacFlag.TRUSTED_TO_AUTH_FOR_DELEGATION);
        List<String> targets = account.allowedToDelegateTo();
        if (transition && targets.isEmpty()) {
            findings.add(new Finding(Finding.Severity.LOW, account.samAccountName(), account.dn(),
                    "protocol-transition-unused", "protocol transition (TRUSTED_TO_AUTH_FOR_DELEGATION) is set but "
                    + "there is no delegation target", "'delegate untrust " + account.name() + " --all'"));
        }
        if (targets.isEmpty()) {
            return;
        }
        if (transition) {
            // Low, not medium: it is what Hyper-V hosts need since 2016, and kerbshell's own default for them.
            findings.add(new Finding(Finding.Severity.LOW, account.samAccountName(), account.dn(),
                    "protocol-transition", "may obtain tickets to its " + targets.size() + " delegation targets as "
                    + "any user who may be delegated, without that user's password or ticket (S4U2Self)",
                    "keep it only where needed (Hyper-V hosts whose moves are started remotely, Windows Server 2016 "
                            + "and later); elsewhere 'delegate trust " + account.name()
                            + " --to HOST --kerberos-only'"));
        }
        List<String> missing = new ArrayList<>();
        List<String> toControllers = new ArrayList<>();
        for (String spn : targets) {
            SpnHolders.Holding holding = holders.of(spn);
            if (!holding.exists()) {
                missing.add(spn);
                continue;
            }
            AccountSnapshot holder = byDn.get(key(holding.holderDn()));
            if (holder != null && holder.domainController()) {
                toControllers.add(spn + " (" + holding.holder() + ")");
            }
        }
        if (!toControllers.isEmpty()) {
            findings.add(new Finding(Finding.Severity.HIGH, account.samAccountName(), account.dn(),
                    "constrained-to-dc", "may act as any delegable user, administrators included, on a domain "
                    + "controller: " + String.join(", ", toControllers),
                    "remove these targets with 'delegate untrust " + account.name() + " --to DC'"));
        }
        if (!missing.isEmpty()) {
            findings.add(new Finding(Finding.Severity.MEDIUM, account.samAccountName(), account.dn(),
                    "constrained-to-missing-spn", "delegates to SPNs the KDC cannot find (no account, or more than "
                    + "one, holds them): " + String.join(", ", missing) + "; whoever registers one of them receives "
                    + "the delegated tickets",
                    "register them on the right host ('spn add HOST SPN') or remove exactly these entries ('delegate "
                            + "untrust " + account.name() + " --spn " + String.join(" ", missing.stream()
                            .map(spn -> "\"" + spn + "\"").toList()) + "')"));
        }
        findings.add(new Finding(Finding.Severity.INFO, account.samAccountName(), account.dn(), "constrained",
                "constrained delegation " + (transition ? "with any authentication protocol" : "with Kerberos only")
                        + " to " + String.join(", ", targets), null));
    }

    private static void resourceBased(AccountSnapshot account, SidNames names, List<Finding> findings) {
        Rbcd rbcd = account.rbcd();
        if (!rbcd.present()) {
            return;
        }
        if (!rbcd.readable()) {
            findings.add(new Finding(Finding.Severity.MEDIUM, account.samAccountName(), account.dn(),
                    "resource-based-unreadable", Ad.ALLOWED_TO_ACT + " is not a valid security descriptor ("
                    + rbcd.unreadable() + "): kerbshell cannot tell whom it allows",
                    "inspect it with ldapsearch and rewrite it"));
            return;
        }
        String who = rbcd.allowedSids().stream().filter(sid -> !rbcd.deniedSids().contains(sid))
                .map(sid -> {
                    SidNames.Named named = names.of(Sid.parse(sid));
                    return named.name() == null ? sid : named.name();
                }).collect(Collectors.joining(", "));
        boolean openToAll = rbcd.allowedSids().stream().anyMatch(OPEN_TO_ALL::contains);
        if (account.domainController() || openToAll) {
            findings.add(new Finding(Finding.Severity.HIGH, account.samAccountName(), account.dn(),
                    "resource-based-dangerous", (account.domainController() ? "a domain controller " : "")
                    + "accepts delegation from " + who + (openToAll ? " (any user can act through it)" : ""),
                    "revoke them with 'delegate rbcd " + account.name() + " --revoke ACCOUNT'"));
            return;
        }
        findings.add(new Finding(Finding.Severity.INFO, account.samAccountName(), account.dn(), "resource-based",
                "accepts delegation (resource-based) from: " + (who.isEmpty() ? "nobody" : who), null));
    }

    /** A privileged user whose credentials can still be delegated: not sensitive, not in Protected Users. */
    private static void delegable(AccountSnapshot account, List<Finding> findings) {
        if (!privileged(account) || account.computer() || !account.enabled() || account.has(UacFlag.NOT_DELEGATED)
                || account.protectedUsers().isPresent()) {
            return;
        }
        findings.add(new Finding(Finding.Severity.MEDIUM, account.samAccountName(), account.dn(),
                "privileged-delegable", "a privileged account whose credentials any host trusted for delegation can "
                + "use elsewhere",
                "mark it 'Account is sensitive and cannot be delegated' (NOT_DELEGATED) or add it to Protected Users, "
                        + "and run administration from a machine that does not need its delegation"));
    }

    /**
     * In Domain Admins, Enterprise Admins, Schema Admins or BUILTIN\Administrators (through any nesting), the
     * built-in Administrator (RID 500), or with Domain or Enterprise Admins as its primary group.
     */
    private static boolean privileged(AccountSnapshot account) {
        boolean byGroup = account.groups().stream().anyMatch(g -> Ad.SID_BUILTIN_ADMINISTRATORS.equals(g.sid())
                || PRIVILEGED_RIDS.stream().anyMatch(g::hasRid));
        boolean administrator = account.sid() != null && account.sid().startsWith("S-1-5-21-")
                && account.sid().endsWith("-" + Ad.RID_ADMINISTRATOR);
        Integer primary = account.primaryGroupId();
        return byGroup || administrator
                || primary != null && (primary == Ad.RID_DOMAIN_ADMINS || primary == Ad.RID_ENTERPRISE_ADMINS);
    }

    /** DNs compared as the directory compares them: normalised, case and spacing aside. */
    private static String key(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            throw KerbshellException.failure("the directory returned a malformed DN '" + dn + "': " + e.getMessage(), e);
        }
    }
}
