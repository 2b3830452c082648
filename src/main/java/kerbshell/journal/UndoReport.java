package kerbshell.journal;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/** What {@code undo} took back: each attribute, the values the change had added and those it had removed. */
public record UndoReport(String what, List<Restored> restored) implements Renderable {

    /** @param removed the values the change had added, deleted again; @param restored those it had removed */
    public record Restored(String id, String dn, String attribute, List<String> removed, List<String> restored) {
    }

    @Override
    public void renderText(TextOut out) {
        out.line("undid " + what + ": " + restored.size() + " change(s), newest first");
        for (Restored r : restored) {
            List<String> back = r.restored();
            List<String> gone = r.removed();
            out.line("  " + r.id() + "  " + r.dn() + "  " + r.attribute() + ":"
                    + (back.isEmpty() ? "" : " restored " + back) + (gone.isEmpty() ? "" : " removed " + gone));
        }
    }
}
