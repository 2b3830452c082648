package kerbshell.diagnosis;

import kerbshell.directory.ChangeSet;
import kerbshell.directory.LdapChange;
import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;
import kerbshell.rules.CheckFinding;
import kerbshell.rules.SpnCheck;
import kerbshell.rules.SpnFacts;
import kerbshell.spn.SpnChangeReport;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code spn hyperv}: every SPN a move to the host needs (the six Hyper-V SPNs, HOST/ and cifs/ in both name forms),
 * each with the rule book's verdict, the one {@code check host} gives: present, covered by HOST/ through sPNMappings,
 * missing, held by another account, shadowed, or a duplicate naming every holder; with --add, what adding the
 * missing Hyper-V SPNs did.
 *
 * @param judged which move the severities are about (the verdicts themselves do not depend on it)
 */
public record HyperVSpnReport(String host, String dn, String judged, List<Entry> spns, SpnChangeReport added)
        implements Renderable, ChangeSet {

    /**
     * One SPN: where the KDC finds it ({@code state}; {@code via} the HOST/ SPN it is found through, when so;
     * {@code holders} every account holding it or {@code via}), and the check's finding for it, when any.
     */
    public record Entry(String spn, SpnFacts.State state, String via, List<SpnFacts.Holder> holders,
                        CheckFinding finding) {

        static Entry of(SpnCheck check) {
            return new Entry(check.spn(), check.verdict().state(), check.verdict().via(), check.verdict().holders(),
                    check.finding());
        }

        /** Whether the KDC gives this host a ticket for it, with nothing to fix. */
        public boolean fine() {
            return state == SpnFacts.State.HELD || state == SpnFacts.State.COVERED;
        }

        /** The state in words, naming the other holders: "present here and on HV01$: duplicate". */
        public String words(String host) {
            List<String> others = holders.stream().map(SpnFacts.Holder::samAccountName)
                    .filter(n -> !n.equalsIgnoreCase(host)).toList();
            String through = via == null ? "" : " (through " + via + ")";
            boolean here = others.size() < holders.size();
            return switch (state) {
                case HELD -> "present";
                case COVERED -> "covered by " + via + " (sPNMappings)";
                case MISSING -> "missing";
                case ELSEWHERE -> "held by " + String.join(", ", others) + through;
                case SHADOWED -> "shadowed: held by " + String.join(", ", others) + ", which gets the tickets this "
                        + "host's HOST/ should";
                case DUPLICATE -> here ? "present here and on " + String.join(", ", others) + through + ": duplicate"
                        : "held by " + String.join(" and ", holders.stream().map(SpnFacts.Holder::samAccountName)
                        .toList()) + through + ": duplicate";
            };
        }
    }

    public HyperVSpnReport {
        spns = List.copyOf(spns);
    }

    @Override
    public List<LdapChange> plannedChanges() {
        return added == null ? List.of() : added.plannedChanges();
    }

    @Override
    public ExitStatus exitStatus() {
        if (added != null) {
            return added.exitStatus();
        }
        return spns.stream().allMatch(Entry::fine) ? ExitStatus.OK : ExitStatus.PROBLEM;
    }

    @Override
    public void renderText(TextOut out) {
        out.line("SPNs a move to " + host + " needs (" + dn + "):");
        TextOut.Table table = out.table("SPN", "STATE", "CHECK");
        spns.forEach(e -> table.row(e.spn(), e.words(host), e.finding() == null ? ""
                : e.finding().severity().name().toLowerCase(java.util.Locale.ROOT) + " " + e.finding().rule()));
        table.print();
        out.line("as check host " + host.replaceFirst("\\$$", "") + " judges it, for " + judged);
        if (added != null) {
            added.renderText(out);
            return;
        }
        Set<String> fixes = new LinkedHashSet<>();
        spns.stream().filter(e -> e.finding() != null).forEach(e -> fixes.addAll(e.finding().fix()));
        fixes.forEach(fix -> out.line("fix: " + fix));
        if (spns.stream().anyMatch(e -> !e.fine() && e.state() != SpnFacts.State.MISSING)) {
            out.line("SPNs held by other accounts: 'spn duplicates' names the rightful holder of each");
        }
    }
}
