package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.account.UacFlag;

import java.util.ArrayList;
import java.util.List;

/**
 * Virtual machine files, disks or ISOs on an SMB share, reached from a remote console (Hyper-V Manager, PowerShell
 * remoting, Windows Admin Center): the Hyper-V host opens them as the operator, so it must be able to get a ticket
 * to cifs/ of the file server on the operator's behalf. Either resource-based delegation on the file server
 * allowing the host (what Enable-SmbDelegation -SmbServer FS -SmbClient HOST writes; the KDC accepts it without
 * protocol transition, MS-SFU) or constrained delegation from the host to cifs/ of the file server in every name
 * form, with protocol transition where the host runs Windows Server 2016 or later, since the start is remote (S65,
 * S35). And the file server's cifs/ SPN must be held once, by it (explicitly, or through its HOST/ and
 * sPNMappings). Failure: VMMS event 13000, 0x80070005.
 */
final class StorageRules {
    private static final String ERROR = "0x80070005 (event 13000)";

    private StorageRules() {
    }

    /** The file server's cifs/ SPNs, in both name forms, judged the way the KDC finds them. */
    static List<CheckFinding> serverSpns(AccountSnapshot server, SpnFacts spns) {
        List<CheckFinding> findings = new ArrayList<>();
        for (String name : server.hostNames()) {
            String spn = "cifs/" + name;
            SpnFacts.Verdict verdict = spns.judge(spn, server);
            switch (verdict.state()) {
                case HELD, COVERED -> findings.add(CheckFinding.info("storage-cifs-spn", server.label(), spn
                        + " is found on " + verdict.heldByWords()));
                case MISSING -> findings.add(CheckFinding.blocker("storage-cifs-spn-missing", server.label(), spn
                                + " is not registered" + (spns.hostMapped().contains("cifs")
                                ? ", nor HOST/" + name + " that sPNMappings maps it to" : ""),
                        "the host asks the KDC for a ticket to exactly this SPN to open the share by the name " + name,
                        "0x80090303, then " + ERROR, List.of(spns.hostMapped().contains("cifs")
                                ? "spn add " + server.name() + " \"HOST/" + name + "\""
                                : "spn add " + server.name() + " \"" + spn + "\"")));
                case DUPLICATE, ELSEWHERE, SHADOWED -> findings.add(SpnRules.heldElsewhere(server, spn, verdict,
                        "the KDC finds no single account for " + spn + ", or encrypts for another one than the "
                                + "file server's, so the host cannot authenticate to the share",
                        "0x80090303 / 0x80090322, then " + ERROR));
            }
        }
        return findings;
    }

    /** Whether the host may act for the operator towards the file server's cifs service. */
    static List<CheckFinding> delegation(AccountSnapshot host, AccountSnapshot server, RuleContext context) {
        String direction = host.name() + " -> " + server.name() + " (cifs)";
        if (server.rbcd().allows(host.sid())) {
            return List.of(CheckFinding.info("storage-rbcd", direction, server.name() + " allows " + host.name()
                    + " through resource-based delegation (what Enable-SmbDelegation writes), which the KDC accepts "
                    + "without protocol transition"));
        }
        List<String> needed = server.hostNames().stream().map(n -> "cifs/" + n).toList();
        List<String> missing = needed.stream().filter(s -> !host.delegatesTo(s)).toList();
        List<String> fix = fixes(host, server, context);
        if (missing.isEmpty()) {
            if (!host.has(UacFlag.TRUSTED_TO_AUTH_FOR_DELEGATION) && context.move().remote()
                    && host.release().needsProtocolTransitionForRemoteMoves()) {
                return List.of(CheckFinding.blocker("storage-kerberos-only", direction, host.name()
                                + " delegates to " + server.name() + "'s cifs with Kerberos only, but the operator "
                                + "works from another machine and " + host.release().title() + " needs protocol "
                                + "transition for it",
                        "the remote console reaches the host through WinRM, whose ticket cannot be forwarded: the "
                                + "host must make one for the operator (S4U2Self), which Kerberos only forbids",
                        ERROR, fix));
            }
            return List.of(CheckFinding.info("storage-constrained", direction, host.name() + " may delegate to "
                    + String.join(", ", needed) + (host.has(UacFlag.TRUSTED_TO_AUTH_FOR_DELEGATION)
                    ? " with any protocol" : " with Kerberos only")));
        }
        if (host.has(UacFlag.TRUSTED_FOR_DELEGATION)) {
            return List.of(CheckFinding.warning("storage-unconstrained", direction, host.name() + " reaches "
                            + server.name() + "'s cifs only through delegation to any service (unconstrained)",
                    "it works, but it lets whoever controls " + host.name() + " impersonate any user who connects "
                            + "to it, anywhere; Credential Guard (on by default on Windows Server 2025) blocks it",
                    fix));
        }
        boolean none = missing.size() == needed.size();
        return List.of(CheckFinding.blocker(none ? "storage-delegation-none" : "storage-delegation-missing",
                direction, none ? host.name() + " may not act for the operator towards " + server.name()
                        + "'s cifs service (neither constrained delegation from " + host.name()
                        + " nor resource-based delegation on " + server.name() + ")"
                        : host.name() + " may not delegate to " + String.join(", ", missing) + " (opening the share "
                        + "by that name fails)",
                "opening VM files on the share from a remote console needs a ticket to the file server in the "
                        + "operator's name, which the host gets only through delegation",
                ERROR, fix));
    }

    /** Resource-based delegation on the file server, as Enable-SmbDelegation does; never through a DC. */
    private static List<String> fixes(AccountSnapshot host, AccountSnapshot server, RuleContext context) {
        if (!context.allowDomainControllerFixes() && (host.domainController() || server.domainController())) {
            return List.of("host: " + (server.domainController() ? server.name() : host.name()) + " is a domain "
                    + "controller: kerbshell plans no delegation to or from it; keep VM files on a file server "
                    + "that is not a DC");
        }
        return List.of("delegate rbcd " + server.name() + " --allow " + host.name(),
                "host: on " + host.name() + ", purge the system tickets (klist -li 0x3e7 purge) or wait 15 minutes");
    }
}
