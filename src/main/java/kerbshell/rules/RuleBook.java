package kerbshell.rules;

import kerbshell.account.AccountSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * kerbshell's one rule book: plain functions from account snapshots, SPN facts and the move judged to findings,
 * each with its severity, the error Windows shows and the commands that fix it. check host, pair, cluster and
 * user, lab migrate, the scenario goals (through check), delegate show, delegate audit and spn hyperv all ask it,
 * so they agree. No I/O: the callers read the facts ({@code AccountSnapshots}, {@link SpnFacts}) and tests build them.
 * The rules and their sources are listed in docs/check.md; every finding names its rule.
 */
public final class RuleBook {
    private static final long MAX_SKEW_SECONDS = 300;
    private static final long WARN_SKEW_SECONDS = 60;

    private RuleBook() {
    }

    /** Everything about one host's account: the account itself, its SPNs, its encryption, its own delegation. */
    public static List<CheckFinding> host(String given, AccountSnapshot host, SpnFacts spns, RuleContext context) {
        List<CheckFinding> findings = new ArrayList<>(AccountRules.host(given, host, context));
        if (!host.computer()) {
            return findings;
        }
        findings.addAll(SpnRules.host(host, spns, context));
        findings.addAll(AccountRules.encryption(host, context));
        findings.addAll(DelegationRules.targets(host, spns, context));
        findings.add(delegationSummary(host));
        return findings;
    }

    /** The rules about the host's account alone (enabled, keys, DNS name, DC, Protected Users, release). */
    public static List<CheckFinding> hostAccount(String given, AccountSnapshot host, RuleContext context) {
        return AccountRules.host(given, host, context);
    }

    /** The rules about the SPNs a move to the host needs. */
    public static List<CheckFinding> hostSpns(AccountSnapshot host, SpnFacts spns, RuleContext context) {
        return SpnRules.host(host, spns, context);
    }

    /**
     * The same rules SPN by SPN: each SPN a move to the host needs, where the KDC finds it and the finding that
     * gives ({@code spn hyperv} shows these, {@code check host} reports their findings).
     */
    public static List<SpnCheck> hostSpnChecks(AccountSnapshot host, SpnFacts spns, RuleContext context) {
        return SpnRules.checks(host, spns, context);
    }

    /** One direction of a pair: can the source delegate the operator's identity to the destination for the move? */
    public static List<CheckFinding> direction(AccountSnapshot source, AccountSnapshot destination,
                                               RuleContext context) {
        return DelegationRules.direction(source, destination, context);
    }

    /** The SPNs the move asks the KDC for on the source's behalf, in the destination's every name form. */
    public static List<String> delegatedSpns(AccountSnapshot destination, Move move) {
        return DelegationRules.neededSpns(destination, move);
    }

    /** Whether the account that starts migrations can be delegated at all. */
    public static List<CheckFinding> operator(AccountSnapshot operator) {
        return AccountRules.operator(operator);
    }

    /** Whether AES is usable with an account (and why not). */
    public static List<CheckFinding> encryption(AccountSnapshot account, RuleContext context) {
        return AccountRules.encryption(account, context);
    }

    /** The delegation targets of an account that the KDC finds no single account for. */
    public static List<CheckFinding> delegationTargets(AccountSnapshot account, SpnFacts spns, RuleContext context) {
        return DelegationRules.targets(account, spns, context);
    }

    /** A Hyper-V Replica server's (or the Replica Broker's) Replica SPNs, each held once by it. */
    public static List<CheckFinding> replicaServer(AccountSnapshot server, boolean broker, SpnFacts spns) {
        return ReplicaRules.server(server, broker, spns);
    }

    /** Whether a Replica server's DNS name resolves from here ({@code addresses} empty when not). */
    public static CheckFinding replicaName(AccountSnapshot server, java.util.Optional<List<String>> addresses) {
        return ReplicaRules.name(server, addresses);
    }

    /** The note every Kerberos Replica check carries: the traffic is authenticated, not encrypted. */
    public static CheckFinding replicaNotEncrypted(String primary, String replica) {
        return ReplicaRules.notEncrypted(primary, replica);
    }

    /** A file server's cifs/ SPNs, both name forms, held once by it (or through its HOST/). */
    public static List<CheckFinding> storageServer(AccountSnapshot server, SpnFacts spns) {
        return StorageRules.serverSpns(server, spns);
    }

    /** Whether a host may act for the operator towards a file server's cifs service (RBCD or constrained). */
    public static List<CheckFinding> storageDelegation(AccountSnapshot host, AccountSnapshot server,
                                                       RuleContext context) {
        return StorageRules.delegation(host, server, context);
    }

    /** Whether a Windows Admin Center gateway may act for users towards a node (RBCD on the node). */
    public static CheckFinding wacGateway(AccountSnapshot gateway, AccountSnapshot node) {
        return WacRules.gateway(gateway, node);
    }

    /** This machine's clock against the DC's: Kerberos allows 5 minutes (RFC 4120, KRB_AP_ERR_SKEW). */
    public static List<CheckFinding> clock(Long skewSeconds) {
        if (skewSeconds == null) {
            return List.of(CheckFinding.info("clock", "clock", "the DC does not publish its time (rootDSE currentTime)"));
        }
        long skew = Math.abs(skewSeconds);
        if (skew > MAX_SKEW_SECONDS) {
            return List.of(CheckFinding.blocker("clock-skew", "clock", "this machine's clock is " + skewSeconds
                            + " s off the DC's", "Kerberos refuses tickets beyond 5 minutes of skew",
                    "0x80090324 (KRB_AP_ERR_SKEW)", List.of("host: sync the time (w32tm /resync, or NTP)")));
        }
        if (skew > WARN_SKEW_SECONDS) {
            return List.of(CheckFinding.warning("clock-skew", "clock", "this machine's clock is " + skewSeconds
                            + " s off the DC's", "close to Kerberos's 5-minute limit",
                    List.of("host: sync the time (w32tm /resync, or NTP)")));
        }
        return List.of(CheckFinding.info("clock", "clock", "clock skew with the DC: " + skewSeconds + " s"));
    }

    private static CheckFinding delegationSummary(AccountSnapshot host) {
        String kind = host.allowedToDelegateTo().isEmpty() ? "no constrained delegation"
                : "constrained delegation to " + host.allowedToDelegateTo().size() + " SPN(s), "
                + (host.has(kerbshell.account.UacFlag.TRUSTED_TO_AUTH_FOR_DELEGATION) ? "any protocol" : "Kerberos only");
        return CheckFinding.info("delegation-summary", host.label(), "delegation: " + kind
                + (host.rbcd().allowedSids().isEmpty() ? "" : "; resource-based delegation allows "
                + host.rbcd().allowedSids().size() + " account(s) to it"));
    }
}
