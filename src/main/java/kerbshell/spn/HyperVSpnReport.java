package kerbshell.spn;

import kerbshell.directory.ChangeSet;
import kerbshell.directory.LdapChange;
import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * {@code spn hyperv}: the six Hyper-V SPNs of a host, each present, missing or held elsewhere; with --add, what
 * adding the missing ones did.
 */
public record HyperVSpnReport(String host, String dn, List<Entry> spns, SpnChangeReport added)
        implements Renderable, ChangeSet {

    @Override
    public List<LdapChange> plannedChanges() {
        return added == null ? List.of() : added.plannedChanges();
    }

    public enum State {
        PRESENT("present"), MISSING("missing"), HELD_ELSEWHERE("held elsewhere"),
        /** Present on this host and on another account too: the KDC issues no ticket for it. */
        DUPLICATE("present here and elsewhere: duplicate");

        private final String words;

        State(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One of the six SPNs; {@code holder} names every other account holding it, when any does. */
    public record Entry(String spn, State state, String holder) {
    }

    @Override
    public ExitStatus exitStatus() {
        if (added != null) {
            return added.exitStatus();
        }
        return spns.stream().allMatch(e -> e.state() == State.PRESENT) ? ExitStatus.OK : ExitStatus.PROBLEM;
    }

    @Override
    public void renderText(TextOut out) {
        out.line("Hyper-V SPNs of " + host + " (" + dn + "):");
        TextOut.Table table = out.table("SPN", "STATE", "HOLDER");
        spns.forEach(e -> table.row(e.spn(), e.state() == State.DUPLICATE ? "present here and on " + e.holder()
                + ": duplicate" : e.state().words(), e.state() == State.DUPLICATE || e.holder() == null ? ""
                : e.holder()));
        table.print();
        if (added != null) {
            added.renderText(out);
        } else if (spns.stream().anyMatch(e -> e.state() == State.MISSING)) {
            out.line("add the missing ones with: spn hyperv " + host + " --add");
        }
        if (spns.stream().anyMatch(e -> e.state() != State.PRESENT && e.state() != State.MISSING)) {
            out.line("SPNs held by other accounts: 'spn duplicates' names the rightful holder of each and the fix");
        }
    }
}
