package kerbshell.delegation;

import kerbshell.directory.SecurityDescriptor;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;
import kerbshell.directory.Sid;
import kerbshell.error.KerbshellException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
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
    private static final String[] USER_ATTRIBUTES = {Ad.SAM_ACCOUNT_NAME, Ad.OBJECT_CLASS, Ad.USER_ACCOUNT_CONTROL,
            Ad.ALLOWED_TO_DELEGATE_TO, Ad.ALLOWED_TO_ACT, Ad.OBJECT_SID, Ad.PRIMARY_GROUP_ID};
    private static final String[] GROUP_ATTRIBUTES = {Ad.OBJECT_SID, Ad.MEMBER};
    private static final Set<String> OPEN_TO_ALL = Set.of("S-1-1-0", "S-1-5-11", "S-1-5-7");

    private final DirectorySession session;

    public DelegationAudit(DirectorySession session) {
        this.session = session;
    }

    public AuditReport run() {
        Map<String, SearchResultEntry> accounts = new HashMap<>();
        Map<String, SearchResultEntry> groups = new HashMap<>();
        DirectorySession.SearchView domain = session.domainView();
        try {
            domain.forEach(Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_USER),
                    e -> accounts.put(key(e.getDN()), e), USER_ATTRIBUTES);
            domain.forEach(Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_GROUP),
                    e -> groups.put(key(e.getDN()), e), GROUP_ATTRIBUTES);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading the accounts of " + domain.description());
        }
        SpnHolders holders = new SpnHolders(session);
        SidNames names = new SidNames(session);
        Set<String> privileged = members(groups, privilegedGroups(groups));
        Set<String> protectedUsers = members(groups, groupsWithRid(groups, Ad.RID_PROTECTED_USERS));
        List<Finding> findings = new ArrayList<>();
        List<String> controllers = new ArrayList<>();
        for (SearchResultEntry entry : accounts.values()) {
            Seen account = Seen.of(entry);
            if (account.controller()) {
                controllers.add(account.name());
            }
            unconstrained(account, findings);
            constrained(account, holders, accounts, findings);
            resourceBased(entry, account, names, findings);
            delegable(account, privileged.contains(key(entry.getDN())) || privilegedByPrimaryGroup(entry),
                    protectedUsers.contains(key(entry.getDN())), findings);
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::account,
                String.CASE_INSENSITIVE_ORDER).thenComparing(Finding::kind));
        controllers.sort(String.CASE_INSENSITIVE_ORDER);
        return new AuditReport(session.settings().domain(), accounts.size(), List.copyOf(findings),
                List.copyOf(controllers));
    }

    /** What the audit needs to know of one account. */
    private record Seen(String name, String dn, boolean computer, int uac, List<String> targets) {
        static Seen of(SearchResultEntry entry) {
            String sam = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
            Integer uac = entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
            String[] targets = entry.getAttributeValues(Ad.ALLOWED_TO_DELEGATE_TO);
            return new Seen(sam == null ? entry.getDN() : sam, entry.getDN(), entry.hasObjectClass(Ad.CLASS_COMPUTER),
                    uac == null ? 0 : uac, targets == null ? List.of() : List.of(targets));
        }

        boolean has(int flag) {
            return (uac & flag) != 0;
        }

        boolean controller() {
            return has(Ad.UAC_SERVER_TRUST_ACCOUNT) || has(Ad.UAC_PARTIAL_SECRETS_ACCOUNT);
        }

        String shortName() {
            return name.replaceFirst("\\$$", "");
        }
    }

    private static void unconstrained(Seen account, List<Finding> findings) {
        if (!account.has(Ad.UAC_TRUSTED_FOR_DELEGATION)) {
            return;
        }
        if (account.controller()) {
            findings.add(new Finding(Finding.Severity.INFO, account.name(), account.dn(), "unconstrained-dc",
                    "domain controller: unconstrained delegation by design", null));
            return;
        }
        findings.add(new Finding(Finding.Severity.HIGH, account.name(), account.dn(), "unconstrained",
                "may delegate the credentials of every user who authenticates to it to any service "
                        + "(TRUSTED_FOR_DELEGATION; PingCastle P-UnconstrainedDelegation)",
                "replace it with constrained delegation: 'delegate untrust " + account.shortName()
                        + " --any-service', then 'delegate trust " + account.shortName() + " --to HOST'"));
    }

    private static void constrained(Seen account, SpnHolders holders, Map<String, SearchResultEntry> accounts,
                                    List<Finding> findings) {
        boolean transition = account.has(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION);
        if (transition && account.targets().isEmpty()) {
            findings.add(new Finding(Finding.Severity.LOW, account.name(), account.dn(), "protocol-transition-unused",
                    "protocol transition (TRUSTED_TO_AUTH_FOR_DELEGATION) is set but there is no delegation target",
                    "'delegate untrust " + account.shortName() + " --all'"));
        }
        if (account.targets().isEmpty()) {
            return;
        }
        if (transition) {
            // Low, not medium: it is what Hyper-V hosts need since 2016, and kerbshell's own default for them.
            findings.add(new Finding(Finding.Severity.LOW, account.name(), account.dn(), "protocol-transition",
                    "may obtain tickets to its " + account.targets().size() + " delegation targets as any user who "
                            + "may be delegated, without that user's password or ticket (S4U2Self)",
                    "keep it only where needed (Hyper-V hosts whose moves are started remotely, Windows Server 2016 "
                            + "and later); elsewhere 'delegate trust " + account.shortName()
                            + " --to HOST --kerberos-only'"));
        }
        List<String> missing = new ArrayList<>();
        List<String> toControllers = new ArrayList<>();
        for (String spn : account.targets()) {
            SpnHolders.Holding holding = holders.of(spn);
            if (!holding.exists()) {
                missing.add(spn);
                continue;
            }
            SearchResultEntry holder = accounts.get(key(holding.holderDn()));
            if (holder != null && Seen.of(holder).controller()) {
                toControllers.add(spn + " (" + holding.holder() + ")");
            }
        }
        if (!toControllers.isEmpty()) {
            findings.add(new Finding(Finding.Severity.HIGH, account.name(), account.dn(), "constrained-to-dc",
                    "may act as any delegable user, administrators included, on a domain controller: "
                            + String.join(", ", toControllers),
                    "remove these targets with 'delegate untrust " + account.shortName() + " --to DC'"));
        }
        if (!missing.isEmpty()) {
            findings.add(new Finding(Finding.Severity.MEDIUM, account.name(), account.dn(), "constrained-to-missing-spn",
                    "delegates to SPNs the KDC cannot find (no account, or more than one, holds them): "
                            + String.join(", ", missing) + "; whoever registers one of them receives the delegated "
                            + "tickets",
                    "register them on the right host ('spn add HOST SPN') or remove them ('delegate untrust "
                            + account.shortName() + " --to HOST')"));
        }
        findings.add(new Finding(Finding.Severity.INFO, account.name(), account.dn(), "constrained",
                "constrained delegation " + (transition ? "with any authentication protocol" : "with Kerberos only")
                        + " to " + String.join(", ", account.targets()), null));
    }

    private static void resourceBased(SearchResultEntry entry, Seen account, SidNames names, List<Finding> findings) {
        byte[] value = entry.getAttributeValueBytes(Ad.ALLOWED_TO_ACT);
        if (value == null) {
            return;
        }
        SecurityDescriptor descriptor;
        try {
            descriptor = SecurityDescriptor.decode(value);
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(Finding.Severity.MEDIUM, account.name(), account.dn(), "resource-based-unreadable",
                    "msDS-AllowedToActOnBehalfOfOtherIdentity is not a valid security descriptor (" + e.getMessage()
                            + ")", "inspect it with ldapsearch and rewrite it"));
            return;
        }
        List<DelegationReport.ActingPrincipal> principals = RbcdService.principals(descriptor, names);
        String who = principals.stream().filter(p -> "allow".equals(p.access()))
                .map(p -> p.account() == null ? p.sid() : p.account()).collect(Collectors.joining(", "));
        boolean openToAll = principals.stream().anyMatch(p -> "allow".equals(p.access()) && OPEN_TO_ALL.contains(p.sid()));
        if (account.controller() || openToAll) {
            findings.add(new Finding(Finding.Severity.HIGH, account.name(), account.dn(), "resource-based-dangerous",
                    (account.controller() ? "a domain controller " : "") + "accepts delegation from " + who
                            + (openToAll ? " (any user can act through it)" : ""),
                    "revoke them with 'delegate rbcd " + account.shortName() + " --revoke ACCOUNT'"));
            return;
        }
        findings.add(new Finding(Finding.Severity.INFO, account.name(), account.dn(), "resource-based",
                "accepts delegation (resource-based) from: " + (who.isEmpty() ? "nobody" : who), null));
    }

    private static void delegable(Seen account, boolean privileged, boolean protectedUser, List<Finding> findings) {
        if (!privileged || account.computer() || account.has(Ad.UAC_ACCOUNTDISABLE)
                || account.has(Ad.UAC_NOT_DELEGATED) || protectedUser) {
            return;
        }
        findings.add(new Finding(Finding.Severity.MEDIUM, account.name(), account.dn(), "privileged-delegable",
                "a privileged account whose credentials any host trusted for delegation can use elsewhere",
                "mark it 'Account is sensitive and cannot be delegated' (NOT_DELEGATED) or add it to Protected Users, "
                        + "and run administration from a machine that does not need its delegation"));
    }

    /** Domain Admins, Enterprise Admins, Schema Admins and BUILTIN\Administrators, by SID. */
    private static Set<String> privilegedGroups(Map<String, SearchResultEntry> groups) {
        Set<String> roots = new HashSet<>();
        roots.addAll(groupsWithRid(groups, Ad.RID_DOMAIN_ADMINS));
        roots.addAll(groupsWithRid(groups, Ad.RID_ENTERPRISE_ADMINS));
        roots.addAll(groupsWithRid(groups, Ad.RID_SCHEMA_ADMINS));
        groups.forEach((dn, entry) -> {
            Sid sid = sidOf(entry);
            if (sid != null && sid.value().equals(Ad.SID_BUILTIN_ADMINISTRATORS)) {
                roots.add(dn);
            }
        });
        return roots;
    }

    private static Set<String> groupsWithRid(Map<String, SearchResultEntry> groups, int rid) {
        Set<String> found = new HashSet<>();
        groups.forEach((dn, entry) -> {
            Sid sid = sidOf(entry);
            if (sid != null && sid.value().startsWith("S-1-5-21-") && sid.rid() == rid) {
                found.add(dn);
            }
        });
        return found;
    }

    /** Every member of the groups, through nested groups; the keys of accounts, not of the groups themselves. */
    private static Set<String> members(Map<String, SearchResultEntry> groups, Set<String> roots) {
        Set<String> members = new HashSet<>();
        Set<String> visited = new HashSet<>(roots);
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            SearchResultEntry group = groups.get(todo.pop());
            String[] values = group == null ? null : group.getAttributeValues(Ad.MEMBER);
            for (String member : values == null ? new String[0] : values) {
                String key = key(member);
                if (groups.containsKey(key)) {
                    if (visited.add(key)) {
                        todo.push(key);
                    }
                } else {
                    members.add(key);
                }
            }
        }
        return members;
    }

    /** The built-in Administrator (RID 500) and accounts whose primary group is Domain Admins count too. */
    private static boolean privilegedByPrimaryGroup(SearchResultEntry entry) {
        Sid sid = sidOf(entry);
        Integer primary = entry.getAttributeValueAsInteger(Ad.PRIMARY_GROUP_ID);
        return sid != null && sid.value().startsWith("S-1-5-21-") && sid.rid() == Ad.RID_ADMINISTRATOR
                || primary != null && (primary == Ad.RID_DOMAIN_ADMINS || primary == Ad.RID_ENTERPRISE_ADMINS);
    }

    private static Sid sidOf(SearchResultEntry entry) {
        byte[] bytes = entry.getAttributeValueBytes(Ad.OBJECT_SID);
        return bytes == null ? null : Sid.fromBytes(bytes);
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
