package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.account.GroupMembership;
import kerbshell.account.UacFlag;
import kerbshell.directory.Ad;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules about one account on its own: a host's computer account (enabled, keys, DNS name, domain controller,
 * Protected Users, unconstrained delegation), the operator's (enabled, not sensitive, not in Protected Users
 * through any nesting: S41, S63), and every account's encryption types (S61, S62).
 */
final class AccountRules {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private AccountRules() {
    }

    static List<CheckFinding> host(String given, AccountSnapshot host, RuleContext context) {
        List<CheckFinding> findings = new ArrayList<>();
        String object = host.label();
        if (!host.computer()) {
            findings.add(CheckFinding.blocker("host-not-computer", object, given + " is not a computer account ("
                            + host.dn() + ")", "Hyper-V hosts authenticate with their computer account", "0x80090303",
                    List.of("check host <the host's own name>")));
            return findings;
        }
        if (host.domainController()) {
            findings.add(CheckFinding.info("host-domain-controller", object, host.name() + " is a domain controller: "
                    + "kerbshell plans no change to its delegation, and none that delegates to it, unless asked with "
                    + Fixes.ALLOW_DC_OPTION));
        }
        if (!host.enabled()) {
            findings.add(CheckFinding.blocker("host-disabled", object, "the computer account is disabled",
                    "the KDC issues no tickets for a disabled account, so nothing can authenticate to the host",
                    "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)", List.of("account enable " + host.name())));
        }
        if (host.pwdLastSet() == null) {
            findings.add(CheckFinding.blocker("host-no-keys", object, "the computer account has no keys (its password "
                            + "was never set)", "the KDC cannot encrypt tickets for an account without keys",
                    "KDC_ERR_ETYPE_NOSUPP (14)", List.of("host: rejoin " + host.name() + " to the domain, or run "
                            + "Reset-ComputerMachinePassword on it")));
        }
        dnsName(host, context, findings);
        host.protectedUsers().ifPresent(g -> findings.add(CheckFinding.warning("host-protected-users", object,
                "the computer account is in Protected Users" + through(g),
                "Microsoft: never add computer or service accounts to Protected Users; its members get AES only, "
                        + "4-hour TGTs that cannot be renewed and no delegation of their own credentials (S41)",
                List.of(removeFrom(g, host.name())))));
        if (host.has(UacFlag.TRUSTED_FOR_DELEGATION)) {
            findings.add(host.domainController()
                    ? CheckFinding.info("host-unconstrained", object, "unconstrained delegation: a domain "
                    + "controller has it by design")
                    : CheckFinding.warning("host-unconstrained", object, "trusted for delegation to any service "
                            + "(unconstrained)",
                    "works for migration, but anyone who controls this host can impersonate any user who connects to "
                            + "it, anywhere (PingCastle P-UnconstrainedDelegation); Credential Guard, on by default on "
                            + "Windows Server 2025, blocks it",
                    List.of("delegate trust " + host.name() + " --to <each destination>",
                            "delegate untrust " + host.name() + " --any-service")));
        }
        if (!host.rbcd().readable()) {
            findings.add(CheckFinding.warning("rbcd-unreadable", object, "msDS-AllowedToActOnBehalfOfOtherIdentity is "
                            + "not a valid security descriptor (" + host.rbcd().unreadable() + ")",
                    "kerbshell cannot tell which accounts may delegate to this host; the KDC reads it its own way",
                    List.of("host: inspect it with ldapsearch and rewrite it ('delegate rbcd " + host.name()
                            + " --allow ACCOUNT' after clearing it)")));
        }
        findings.add(release(host));
        return findings;
    }

    private static void dnsName(AccountSnapshot host, RuleContext context, List<CheckFinding> findings) {
        if (host.dnsHostName() == null) {
            List<String> fix = new ArrayList<>();
            if (context.dnsDomain() != null && !context.dnsDomain().isBlank()) {
                fix.add("account dns-name " + host.name() + " " + host.name().toLowerCase(Locale.ROOT) + "."
                        + context.dnsDomain());
            }
            fix.add("host: Netlogon on " + host.name() + " keeps dNSHostName up to date from the host's own name; if "
                    + "it differs from the one set here, restart Netlogon there afterwards");
            findings.add(CheckFinding.blocker("host-no-dns-name", host.label(), "dNSHostName is not set",
                    "the FQDN forms of the host's SPNs cannot be checked or registered, and moves by FQDN fail",
                    "0x80090303", fix));
        } else if (!host.dnsHostName().toLowerCase(Locale.ROOT).startsWith(host.name().toLowerCase(Locale.ROOT) + ".")) {
            findings.add(CheckFinding.warning("host-dns-name-mismatch", host.label(), "dNSHostName "
                            + host.dnsHostName() + " does not start with the account name " + host.name(),
                    "a renamed or cloned host: SPNs and delegation entries made from one name miss the other",
                    List.of("host: rename or rejoin " + host.name() + " so its names agree")));
        }
    }

    private static CheckFinding release(AccountSnapshot host) {
        String version = host.operatingSystemVersion() == null ? "not set" : "'" + host.operatingSystemVersion() + "'";
        return CheckFinding.info("host-release", host.label(), host.release().known()
                ? "release: " + host.release().title() + " (operatingSystemVersion " + version + ")"
                : "release unknown (operatingSystemVersion " + version + "): judged as Windows Server 2016 or later");
    }

    static List<CheckFinding> operator(AccountSnapshot operator) {
        List<CheckFinding> findings = new ArrayList<>();
        String object = operator.samAccountName();
        if (!operator.enabled()) {
            findings.add(CheckFinding.blocker("operator-disabled", object, "the operator's account is disabled",
                    "it cannot log on, let alone be delegated", "0x8009030E", List.of("account enable " + object)));
        }
        if (operator.has(UacFlag.NOT_DELEGATED)) {
            findings.add(CheckFinding.blocker("operator-sensitive", object, "the account is marked sensitive and "
                            + "cannot be delegated (NOT_DELEGATED)",
                    "the KDC gives the source host no forwardable ticket for it, so S4U2Proxy fails",
                    "0x8009030E / KDC_ERR_BADOPTION (13)", List.of("account delegable " + object)));
        }
        Optional<GroupMembership> protectedUsers = operator.protectedUsers();
        protectedUsers.ifPresent(g -> findings.add(CheckFinding.blocker("operator-protected-users", object,
                "the account is in Protected Users" + through(g),
                "Protected Users are never delegated, by any kind of delegation"
                        + (g.direct() ? "" : "; taking it out of " + g.viaName() + " also ends what that group "
                        + "grants it, so another operator account may be the better fix"),
                "0x8009030E / KDC_ERR_BADOPTION (13)", List.of(removeFrom(g, object)))));
        if (findings.isEmpty()) {
            findings.add(CheckFinding.info("operator-delegable", object, "the operator's account can be delegated"));
        }
        return findings;
    }

    /**
     * Whether AES is usable with the account. msDS-SupportedEncryptionTypes set without AES is RC4 only; unset
     * means the domain's default, which by the end of Q2 2026 no longer includes RC4 (KB5073381); and an account
     * whose password predates the domain's AES support has no AES keys until it is set again (S61, S62).
     */
    static List<CheckFinding> encryption(AccountSnapshot account, RuleContext context) {
        Integer types = account.supportedEncryptionTypes();
        int aes = Ad.ETYPE_AES128 | Ad.ETYPE_AES256;
        String object = account.label();
        Instant since = context.aesSince();
        boolean keysPredateAes = since != null && account.pwdLastSet() != null && account.pwdLastSet().isBefore(since);
        if (types != null && (types & aes) == 0) {
            return List.of(CheckFinding.warning("etype-rc4-only", object, "the account supports no AES encryption "
                            + "type (msDS-SupportedEncryptionTypes " + types + ": RC4 only)",
                    "clients that refuse RC4 (Protected Users, hardened hosts, the JDK) get no ticket for it, and "
                            + "DCs stop issuing RC4 by default in 2026 (KB5073381)",
                    List.of("account etypes " + account.name() + " rc4,aes128,aes256",
                            "host: allow AES in 'Network security: Configure encryption types allowed for Kerberos' on "
                                    + account.name() + "; reset its machine password if the account predates 2008 DCs")));
        }
        if (keysPredateAes) {
            return List.of(CheckFinding.warning("etype-keys-predate-aes", object, "the password was last set "
                            + DAY.format(account.pwdLastSet()) + ", before the domain had AES (" + DAY.format(since)
                            + "): the account has no AES keys",
                    "with only RC4 keys, tickets for it need RC4, which DCs stop assuming for accounts without "
                            + "msDS-SupportedEncryptionTypes by the end of Q2 2026 (KB5073381); the domain's AES date "
                            + "is when its Read-only Domain Controllers group was made (the first 2008 DC)",
                    List.of(account.computer() ? "host: run Reset-ComputerMachinePassword on " + account.name()
                            + " (new keys include AES)" : "host: set the password of " + account.name()
                            + " again (new keys include AES)")));
        }
        if (types == null) {
            return List.of(CheckFinding.info("etype-default", object, "AES usable"
                    + (since == null ? "" : " (its keys postdate the domain's AES, " + DAY.format(since) + ")")
                    + "; msDS-SupportedEncryptionTypes is not set, so the KDC uses the domain's default, which "
                    + "stops including RC4 in 2026 (KB5073381)"));
        }
        return List.of(CheckFinding.info("etype-aes", object, "AES usable (msDS-SupportedEncryptionTypes " + types
                + ")"));
    }

    private static String through(GroupMembership group) {
        return group.direct() ? "" : " through group " + group.viaName();
    }

    private static String removeFrom(GroupMembership group, String member) {
        return "group remove-member \"" + group.viaName() + "\" " + member;
    }
}
