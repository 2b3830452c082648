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
        return checks(host, spns, context).stream().map(SpnCheck::finding).filter(java.util.Objects::nonNull)
                .toList();
    }

    /** Every SPN a move to the host needs (the Hyper-V classes, then HOST/ and cifs/ per name form), judged. */
    static List<SpnCheck> checks(AccountSnapshot host, SpnFacts spns, RuleContext context) {
        List<SpnCheck> checks = new ArrayList<>();
        for (String serviceClass : HyperVServices.CLASSES) {
            for (String name : host.hostNames()) {
                String spn = serviceClass + "/" + name;
                SpnFacts.Verdict verdict = spns.judge(spn, host);
                checks.add(new SpnCheck(spn, verdict, hyperV(host, serviceClass, spn, verdict)));
            }
        }
        for (String name : host.hostNames()) {
            String hostSpn = "HOST/" + name;
            SpnFacts.Verdict hostVerdict = spns.judge(hostSpn, host);
            checks.add(new SpnCheck(hostSpn, hostVerdict, hostSpn(host, hostSpn, hostVerdict, spns, context)));
            String cifs = "cifs/" + name;
            SpnFacts.Verdict cifsVerdict = spns.judge(cifs, host);
            checks.add(new SpnCheck(cifs, cifsVerdict, cifs(host, cifs, cifsVerdict, spns, context)));
        }
        return checks;
    }

    private static CheckFinding hyperV(AccountSnapshot host, String serviceClass, String spn,
                                       SpnFacts.Verdict verdict) {
        boolean migration = serviceClass.equals(HyperVServices.MIGRATION);
        String object = host.label();
        return switch (verdict.state()) {
            case HELD, COVERED -> null;
            case MISSING -> migration
                    ? CheckFinding.blocker("spn-missing", object, spn + " is not registered",
                            "live migration to this host asks the KDC for exactly this SPN",
                            "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)", List.of(Fixes.addSpn(host, spn)))
                    : CheckFinding.warning("spn-missing", object, spn + " is not registered",
                            serviceClass.equals(HyperVServices.REPLICA)
                                    ? "Hyper-V Replica to this host fails to authenticate"
                                    : "remote console connections to this host's VMs fail to authenticate",
                            List.of(Fixes.addSpn(host, spn)));
            case DUPLICATE, ELSEWHERE, SHADOWED -> heldElsewhere(host, spn, verdict,
                    "an SPN held by two accounts, or by the wrong one, gets no ticket from the KDC (KDC event 11)",
                    "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)");
        };
    }

    private static CheckFinding hostSpn(AccountSnapshot host, String spn, SpnFacts.Verdict verdict, SpnFacts spns,
                                        RuleContext context) {
        return switch (verdict.state()) {
            case HELD, COVERED -> null;
            case MISSING -> {
                String why = "HOST/ stands in for cifs/ and the other host services (sPNMappings): storage moves "
                        + "to the host cannot authenticate";
                yield context.move().storage()
                        ? CheckFinding.blocker("spn-host-missing", host.label(), spn + " is not registered", why,
                                "0x80090303", List.of(Fixes.addSpn(host, spn)))
                        : CheckFinding.warning("spn-host-missing", host.label(), spn + " is not registered", why,
                                List.of(Fixes.addSpn(host, spn)));
            }
            // Always a blocker: through sPNMappings it also serves http/ (WinRM remote management) and cifs/.
            case DUPLICATE, ELSEWHERE, SHADOWED -> heldElsewhere(host, spn, verdict,
                    "the KDC finds no single account for " + spn + ", and so none for every class it covers ("
                            + spns.coveredClassesWords() + "): cifs/ for storage moves and http/ for remote "
                            + "management fail too", "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)");
        };
    }

    private static CheckFinding cifs(AccountSnapshot host, String spn, SpnFacts.Verdict verdict, SpnFacts spns,
                                     RuleContext context) {
        if (verdict.via() != null) {
            return null; // judged through HOST/, whose own rule has reported it
        }
        Severity severity = context.move().storage() ? Severity.BLOCKER : Severity.WARNING;
        return switch (verdict.state()) {
            case HELD, COVERED -> null;
            case MISSING -> {
                if (spns.hostMapped().contains("cifs")) {
                    yield null; // HOST/ is missing too, and its rule said so
                }
                String why = "storage moves ask the KDC for cifs/ tickets";
                String problem = "cifs is not mapped to HOST in sPNMappings and " + spn + " is not registered";
                yield new CheckFinding(severity, host.label(), problem, why,
                        severity == Severity.BLOCKER ? "0x80090303" : null,
                        List.of("spn add " + host.name() + " " + spn), "spn-cifs-missing");
            }
            case SHADOWED, ELSEWHERE -> new CheckFinding(severity, host.label(),
                    spn + " is registered on " + String.join(", ", verdict.names()) + ", which shadows this "
                            + "host's HOST/ SPN",
                    "the KDC encrypts cifs tickets for the other account, which this host cannot decrypt",
                    "0x80090322 (KRB_AP_ERR_MODIFIED)", removals(host, spn, verdict), "spn-shadowed");
            case DUPLICATE -> new CheckFinding(severity, host.label(), duplicateWords(host, spn, verdict),
                    "the KDC issues no cifs ticket for an SPN two accounts hold (KDC event 11)",
                    "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)", removals(host, spn, verdict), "spn-duplicate");
        };
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
