package kerbshell.journal;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/** What {@code undo} took back: each attribute, from the values the change left to the ones before it. */
public record UndoReport(String what, List<Restored> restored) implements Renderable {

    public record Restored(String id, String dn, String attribute, List<String> from, List<String> to) {
    }

    @Override
    public void renderText(TextOut out) {
        out.line("undid " + what + ": " + restored.size() + " change(s), newest first");
        for (Restored r : restored) {
            List<String> back = r.to().stream().filter(v -> r.from().stream().noneMatch(v::equalsIgnoreCase)).toList();
            List<String> gone = r.from().stream().filter(v -> r.to().stream().noneMatch(v::equalsIgnoreCase)).toList();
            out.line("  " + r.id() + "  " + r.dn() + "  " + r.attribute() + ":"
                    + (back.isEmpty() ? "" : " restored " + back) + (gone.isEmpty() ? "" : " removed " + gone));
        }
    }
}
