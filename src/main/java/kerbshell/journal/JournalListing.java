package kerbshell.journal;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/** {@code journal}: the recorded changes, oldest first. */
public record JournalListing(String file, List<JournalEntry> entries) implements Renderable {

    @Override
    public void renderText(TextOut out) {
        if (entries.isEmpty()) {
            out.line("no changes recorded in " + file);
            return;
        }
        TextOut.Table table = out.table("ID", "TIME", "STATUS", "RUN", "COMMAND", "CHANGE");
        for (JournalEntry e : entries) {
            String status = e.undoOf() != null ? e.status() + ", undoes " + e.undoOf() : e.status();
            table.row(e.id(), e.time().toString().substring(0, 19).replace('T', ' '), status,
                    e.run() == null ? "" : e.run(), e.command(), e.dn().split(",")[0] + " " + e.attribute() + ": "
                            + summary(e));
        }
        table.print();
        out.line(entries.size() + " change(s) in " + file);
    }

    private static String summary(JournalEntry e) {
        List<String> added = e.after().stream().filter(v -> e.before().stream().noneMatch(b ->
                AttributeValues.same(b, v, e.binary()))).toList();
        List<String> removed = e.before().stream().filter(v -> e.after().stream().noneMatch(a ->
                AttributeValues.same(a, v, e.binary()))).toList();
        StringBuilder s = new StringBuilder();
        added.forEach(v -> s.append("+").append(e.binary() ? "(binary)" : v).append(' '));
        removed.forEach(v -> s.append("-").append(e.binary() ? "(binary)" : v).append(' '));
        return s.toString().strip();
    }
}
