package kerbshell.spn;

import kerbshell.directory.ChangeSet;
import kerbshell.directory.LdapChange;
import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * The answer of {@code spn add} and {@code spn remove}: one outcome per SPN, and the LDAP change sent (or, with
 * --dry-run, the one that would be sent). An SPN held by another account makes the whole report a problem.
 */
public record SpnChangeReport(String account, String dn, boolean dryRun, List<SpnOutcome> outcomes,
                              LdapChange change) implements Renderable, ChangeSet {

    @Override
    public List<LdapChange> plannedChanges() {
        return change == null || change.isEmpty() ? List.of() : List.of(change);
    }

    public boolean changed() {
        return !dryRun && change != null && !change.isEmpty();
    }

    @Override
    public ExitStatus exitStatus() {
        return outcomes.stream().anyMatch(o -> o.result() == SpnOutcome.Result.HELD_ELSEWHERE
                || o.result() == SpnOutcome.Result.DUPLICATE || o.result() == SpnOutcome.Result.NAMES_ANOTHER_HOST)
                ? ExitStatus.PROBLEM : ExitStatus.OK;
    }

    @Override
    public void renderText(TextOut out) {
        TextOut.Table table = out.table("SPN", "RESULT", "DETAIL");
        outcomes.forEach(o -> table.row(o.spn(), o.result().words(), o.detail() == null ? "" : o.detail()));
        table.print();
        if (change == null || change.isEmpty()) {
            out.line("no change to " + account);
        } else if (dryRun) {
            out.line("dry run: nothing was written; the change would be:");
            change.render(out);
        }
    }
}
