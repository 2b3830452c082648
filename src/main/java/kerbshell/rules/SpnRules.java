package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.spn.HyperVServices;

import java.util.ArrayList;
import java.util.List;

/**
 * The SPN rules of one host: each SPN a move to it needs is held once, by the host (or covered by its HOST/
 * through sPNMappings); missing, held by another account, held by two or more (the KDC then issues no ticket:
 * KDC event 11, KDC_ERR_S_PRINCIPAL_UNKNOWN), or shadowed by an explicit cifs/ on another account (the KDC then
 * encrypts for that account: KRB_AP_ERR_MODIFIED). A duplicated HOST/ breaks every class it covers (S1, S45).
 */
final class SpnRules {
    private SpnRules() {
    }

    static List<CheckFinding> host(AccountSnapshot host, SpnFacts spns, RuleContext context) {
        List<CheckFinding> findings = new ArrayList<>();
        for (String serviceClass : HyperVServices.CLASSES) {
            for (String name : host.hostNames()) {
                hyperV(host, serviceClass, serviceClass + "/" + name, spns.judge(serviceClass + "/" + name, host),
                        findings);
            }
        }
        for (String name : host.hostNames()) {
            hostSpn(host, "HOST/" + name, spns, context, findings);
            cifs(host, "cifs/" + name, spns, context, findings);
        }
        return findings;
    }

    private static void hyperV(AccountSnapshot host, String serviceClass, String spn, SpnFacts.Verdict verdict,
                               List<CheckFinding> findings) {
        boolean migration = serviceClass.equals(HyperVServices.MIGRATION);
        String object = host.label();
        switch (verdict.state()) {
            case HELD, COVERED -> {
            }
            case MISSING -> findings.add(migration
                    ? CheckFinding.blocker("spn-missing", object, spn + " is not registered",
                            "live migration to this host asks the KDC for exactly this SPN",
                            "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)", List.of(Fixes.addSpn(host, spn)))
                    : CheckFinding.warning("spn-missing", object, spn + " is not registered",
                            serviceClass.equals(HyperVServices.REPLICA)
                                    ? "Hyper-V Replica to this host fails to authenticate"
                                    : "remote console connections to this host's VMs fail to authenticate",
                            List.of(Fixes.addSpn(host, spn))));
            case DUPLICATE, ELSEWHERE, SHADOWED -> findings.add(heldElsewhere(host, spn, verdict,
                    "an SPN held by two accounts, or by the wrong one, gets no ticket from the KDC (KDC event 11)",
                    "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)"));
        }
    }

    private static void hostSpn(AccountSnapshot host, String spn, SpnFacts spns, RuleContext context,
                                List<CheckFinding> findings) {
        SpnFacts.Verdict verdict = spns.judge(spn, host);
        switch (verdict.state()) {
            case HELD, COVERED -> {
            }
            case MISSING -> {
                String why = "HOST/ stands in for cifs/ and the other host services (sPNMappings): storage moves "
                        + "to the host cannot authenticate";
                findings.add(context.move().storage()
                        ? CheckFinding.blocker("spn-host-missing", host.label(), spn + " is not registered", why,
                                "0x80090303", List.of(Fixes.addSpn(host, spn)))
                        : CheckFinding.warning("spn-host-missing", host.label(), spn + " is not registered", why,
                                List.of(Fixes.addSpn(host, spn))));
            }
            // Always a blocker: through sPNMappings it also serves http/ (WinRM remote management) and cifs/.
            case DUPLICATE, ELSEWHERE, SHADOWED -> findings.add(heldElsewhere(host, spn, verdict,
                    "the KDC finds no single account for " + spn + ", and so none for every class it covers ("
                            + spns.coveredClassesWords() + "): cifs/ for storage moves and http/ for remote "
                            + "management fail too", "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)"));
        }
    }

    private static void cifs(AccountSnapshot host, String spn, SpnFacts spns, RuleContext context,
                             List<CheckFinding> findings) {
        SpnFacts.Verdict verdict = spns.judge(spn, host);
        if (verdict.via() != null) {
            return; // judged through HOST/, whose own rule has reported it
        }
        boolean storage = context.move().storage();
        String why;
        String error;
        switch (verdict.state()) {
            case HELD, COVERED -> {
                return;
            }
            case MISSING -> {
                if (spns.hostMapped().contains("cifs")) {
                    return; // HOST/ is missing too, and its rule said so
                }
                why = "storage moves ask the KDC for cifs/ tickets";
                String problem = "cifs is not mapped to HOST in sPNMappings and " + spn + " is not registered";
                findings.add(storage ? CheckFinding.blocker("spn-cifs-missing", host.label(), problem, why,
                        "0x80090303", List.of("spn add " + host.name() + " " + spn))
                        : CheckFinding.warning("spn-cifs-missing", host.label(), problem, why,
                        List.of("spn add " + host.name() + " " + spn)));
                return;
            }
            case SHADOWED, ELSEWHERE -> {
                why = "the KDC encrypts cifs tickets for the other account, which this host cannot decrypt";
                error = "0x80090322 (KRB_AP_ERR_MODIFIED)";
                CheckFinding shadowed = new CheckFinding(storage ? Severity.BLOCKER : Severity.WARNING, host.label(),
                        spn + " is registered on " + String.join(", ", verdict.names()) + ", which shadows this "
                                + "host's HOST/ SPN", why, error, removals(host, spn, verdict), "spn-shadowed");
                findings.add(shadowed);
                return;
            }
            case DUPLICATE -> findings.add(new CheckFinding(storage ? Severity.BLOCKER : Severity.WARNING,
                    host.label(), duplicateWords(host, spn, verdict),
                    "the KDC issues no cifs ticket for an SPN two accounts hold (KDC event 11)",
                    "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)", removals(host, spn, verdict), "spn-duplicate"));
            default -> throw new IllegalStateException(verdict.state().name());
        }
    }

    static CheckFinding heldElsewhere(AccountSnapshot host, String spn, SpnFacts.Verdict verdict, String why,
                                              String error) {
        String rule = verdict.state() == SpnFacts.State.DUPLICATE ? "spn-duplicate" : "spn-other-holder";
        String problem = verdict.state() == SpnFacts.State.DUPLICATE ? duplicateWords(host, spn, verdict)
                : spn + " is held by " + String.join(", ", verdict.names()) + ", not " + host.samAccountName();
        List<String> fix = new ArrayList<>(removals(host, spn, verdict));
        if (!host.holds(spn)) {
            fix.add(Fixes.addSpn(host, spn));
        }
        return CheckFinding.blocker(rule, host.label(), problem, why, error, fix);
    }

    /** "X is also held by HV03$" when the host holds it too; "X is held by A$ and B$, not HV02$" otherwise. */
    private static String duplicateWords(AccountSnapshot host, String spn, SpnFacts.Verdict verdict) {
        List<String> others = verdict.others(host).stream().map(SpnFacts.Holder::samAccountName).toList();
        return host.holds(spn) ? spn + " is also held by " + String.join(", ", others)
                : spn + " is held by " + String.join(" and ", verdict.names()) + ", not " + host.samAccountName();
    }

    static List<String> removals(AccountSnapshot host, String spn, SpnFacts.Verdict verdict) {
        return verdict.others(host).stream().map(h -> Fixes.removeSpn(h, spn)).toList();
    }
}
