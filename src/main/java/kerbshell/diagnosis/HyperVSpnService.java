package kerbshell.diagnosis;

import kerbshell.account.AccountSnapshot;
import kerbshell.directory.DirectorySession;
import kerbshell.rules.Move;
import kerbshell.rules.RuleBook;
import kerbshell.rules.RuleContext;
import kerbshell.rules.SpnCheck;
import kerbshell.rules.SpnFacts;
import kerbshell.spn.HyperVServices;
import kerbshell.spn.SpnChangeReport;
import kerbshell.spn.SpnService;

import java.util.List;

/**
 * {@code spn hyperv}: the SPNs a move to a host needs, listed with the rule book's verdict on each (the facts read
 * the way {@code check host} reads them, so both give the same verdict), and with --add the missing Hyper-V SPNs
 * added through {@link SpnService#add}, with its forest-wide checks.
 */
public final class HyperVSpnService {
    private final DirectorySession session;

    public HyperVSpnService(DirectorySession session) {
        this.session = session;
    }

    public HyperVSpnReport hyperv(String name, boolean add, boolean dryRun) {
        FactsReader reader = new FactsReader(session);
        AccountSnapshot host = reader.accounts().computer(name);
        RuleContext context = reader.context(Move.DEFAULT, false);
        SpnFacts spns = reader.spnFacts(List.of(host));
        List<SpnCheck> checks = RuleBook.hostSpnChecks(host, spns, context);
        // What --add can fix: a Hyper-V SPN the host lacks (add refuses, naming them, those other accounts hold).
        List<String> missing = checks.stream().filter(c -> HyperVServices.isHyperV(c.spn()) && !host.holds(c.spn())
                && c.verdict().state() != SpnFacts.State.COVERED).map(SpnCheck::spn).toList();
        SpnChangeReport added = add && !missing.isEmpty() ? new SpnService(session).add(host.dn(), missing, dryRun)
                : null;
        return new HyperVSpnReport(host.samAccountName(), host.dn(), context.move().describe(),
                checks.stream().map(HyperVSpnReport.Entry::of).toList(), added);
    }
}
