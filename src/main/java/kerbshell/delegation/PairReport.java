package kerbshell.delegation;

import kerbshell.directory.ChangeSet;
import kerbshell.directory.LdapChange;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/** {@code delegate pair A B}: constrained delegation in both directions, A to B then B to A. */
public record PairReport(List<DelegationChange> directions) implements Renderable, ChangeSet {

    @Override
    public List<LdapChange> plannedChanges() {
        return directions.stream().flatMap(d -> d.plannedChanges().stream()).toList();
    }

    @Override
    public ExitStatus exitStatus() {
        return directions.stream().map(DelegationChange::exitStatus).reduce(ExitStatus.OK, ExitStatus::worst);
    }

    @Override
    public void renderText(TextOut out) {
        for (int i = 0; i < directions.size(); i++) {
            if (i > 0) {
                out.blank();
            }
            directions.get(i).renderText(out);
        }
    }
}
