package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.spn.HyperVServices;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hyper-V Replica with Kerberos authentication (HTTP, port 80 by default): the primary asks the KDC for a ticket to
 * the Replica server's "Hyper-V Replica Service/" SPN in the name form it uses, or, when the Replica server is a
 * cluster, to the Replica Broker's, whose cluster network name object has its own account and SPNs; the Replica
 * server replicates back after a failover, so both servers need theirs. Each must be held once, by its server.
 * Replica delegates nothing. Kerberos authenticates the servers but does not encrypt the replication traffic;
 * certificate-based authentication (HTTPS) does (S64).
 */
final class ReplicaRules {
    private ReplicaRules() {
    }

    /** A Replica server's (or the Broker's) Hyper-V Replica Service SPNs, both name forms, each held once by it. */
    static List<CheckFinding> server(AccountSnapshot server, boolean broker, SpnFacts spns) {
        List<CheckFinding> findings = new ArrayList<>();
        String role = broker ? "the Replica Broker " + server.name() : server.name();
        for (String name : server.hostNames()) {
            String spn = HyperVServices.REPLICA + "/" + name;
            SpnFacts.Verdict verdict = spns.judge(spn, server);
            switch (verdict.state()) {
                case HELD, COVERED -> findings.add(CheckFinding.info("replica-spn", server.label(), spn
                        + " is held by " + server.samAccountName() + " alone"));
                case MISSING -> findings.add(CheckFinding.blocker("replica-spn-missing", server.label(), spn
                                + " is not registered",
                        "replication to " + role + " by the name " + name + " asks the KDC for exactly this SPN; "
                                + (broker ? "the cluster registers it on the Broker's own account, and could not"
                                : "VMMS registers it at start and logs event 14050 when it cannot"),
                        "0x80090303 / 0x00002EFE (Hyper-V failed to authenticate the replica server using Kerberos)",
                        List.of(add(server, broker, spn))));
                case DUPLICATE, ELSEWHERE, SHADOWED -> {
                    CheckFinding held = SpnRules.heldElsewhere(server, spn, verdict, "the KDC finds no single "
                                    + "account for " + spn + ", so the primary gets no ticket for " + role,
                            "0x80090303 / 0x00002EFE (Hyper-V failed to authenticate the replica server using Kerberos)");
                    List<String> fix = new ArrayList<>(SpnRules.removals(server, spn, verdict));
                    if (!server.holds(spn)) {
                        fix.add(add(server, broker, spn));
                    }
                    findings.add(new CheckFinding(held.severity(), held.object(), held.problem(), held.why(),
                            held.error(), fix, held.rule()));
                }
            }
        }
        return findings;
    }

    /**
     * Whether the server's DNS name resolves, as seen from the machine kerbshell runs on ({@code addresses} empty
     * when it does not): the primary connects to the Replica server by that name. A warning, not a blocker, since
     * the primary may use another DNS server than this machine.
     */
    static CheckFinding name(AccountSnapshot server, Optional<List<String>> addresses) {
        if (server.dnsHostName() == null) {
            return CheckFinding.info("replica-dns", server.label(), "no DNS name to resolve (see its host account)");
        }
        if (addresses.isPresent() && !addresses.get().isEmpty()) {
            return CheckFinding.info("replica-dns", server.label(), server.dnsHostName() + " resolves to "
                    + String.join(", ", addresses.get()));
        }
        return CheckFinding.warning("replica-dns-unresolved", server.label(), server.dnsHostName()
                        + " does not resolve from this machine",
                "the primary connects to the Replica server by its DNS name; a name that does not resolve, or "
                        + "resolves to another machine, fails before Kerberos starts",
                List.of("host: on " + server.name() + ", 'ipconfig /registerdns'; on the primary, "
                        + "'Resolve-DnsName " + server.dnsHostName() + "' must give " + server.name() + "'s address"));
    }

    /** What every Kerberos replica check says once: the traffic is authenticated, not encrypted. */
    static CheckFinding notEncrypted(String primary, String replica) {
        return CheckFinding.info("replica-not-encrypted", primary + " -> " + replica, "with Kerberos "
                + "authentication the replication traffic (HTTP, port 80) is not encrypted; certificate-based "
                + "authentication (HTTPS, port 443) is the encrypted choice (Microsoft's Best Practices Analyzer "
                + "recommends it)");
    }

    private static String add(AccountSnapshot server, boolean broker, String spn) {
        return broker ? "spn add " + server.name() + " \"" + spn + "\"" : Fixes.addSpn(server, spn);
    }
}
