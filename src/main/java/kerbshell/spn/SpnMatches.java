package kerbshell.spn;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * {@code spn find}: which accounts hold SPNs matching a pattern, and where the search looked. With an expected
 * holder (a recipe's verify step), it is a problem unless that account, and only it, holds every match.
 */
public record SpnMatches(String pattern, String searched, List<SpnHolder> matches, String expectedHolder)
        implements Renderable {

    @Override
    public ExitStatus exitStatus() {
        if (expectedHolder == null) {
            return ExitStatus.OK;
        }
        boolean right = !matches.isEmpty() && matches.stream().allMatch(m -> m.account().equalsIgnoreCase(expectedHolder)
                || m.account().equalsIgnoreCase(expectedHolder + "$") || m.dn().equalsIgnoreCase(expectedHolder));
        return right ? ExitStatus.OK : ExitStatus.PROBLEM;
    }

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
        if (exitStatus() == ExitStatus.PROBLEM) {
            out.line("not held by " + expectedHolder + " alone");
        }
    }
}
