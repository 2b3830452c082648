package kerbshell.spn;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/** {@code spn find}: which accounts hold SPNs matching a pattern, and where the search looked. */
public record SpnMatches(String pattern, String searched, List<SpnHolder> matches) implements Renderable {

    @Override
    public void renderText(TextOut out) {
        if (matches.isEmpty()) {
            out.line("no SPN matches " + pattern + " in " + searched);
            return;
        }
        TextOut.Table table = out.table("SPN", "ACCOUNT", "DN");
        matches.forEach(m -> table.row(m.spn(), m.account(), m.dn()));
        table.print();
        out.line(matches.size() + " SPN(s) in " + searched);
    }
}
