package kerbshell.lab;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * What 'lab migrate' found: each step with who decided it (the lab KDC for real, or the simulation from the
 * directory's settings), and either "migration authenticated" or what Windows would show for the first failure.
 * Exit status 1 when the move would fail.
 *
 * @param startedFrom "remotely" (Hyper-V Manager, PowerShell remoting, Windows Admin Center) or "on the source host"
 * @param judged      the move whose verdict this is, in words (the rule book's description of it)
 * @param windows     what Windows would show, null when the migration authenticates
 */
public record MigrationReport(String vm, String source, String destination, String operator, String startedFrom,
                              String judged,
                              List<MigrationStep> steps, boolean authenticated, HyperVMessage windows,
                              String decidedBy) implements Renderable {

    @Override
    public ExitStatus exitStatus() {
        return authenticated ? ExitStatus.OK : ExitStatus.PROBLEM;
    }

    public List<MigrationStep> warnings() {
        return steps.stream().filter(s -> s.outcome().equals(MigrationStep.WARNING)).toList();
    }

    @Override
    public void renderText(TextOut out) {
        out.line("lab migrate: " + vm + " from " + source + " to " + destination + " as " + operator + ", started "
                + startedFrom);
        out.line("judged: " + judged);
        for (MigrationStep step : steps) {
            out.line(String.format("  %-11s %-10s %s%s", step.outcome(), step.decidedBy(), step.step(),
                    step.detail() == null ? "" : ": " + step.detail()));
        }
        out.blank();
        if (authenticated) {
            out.line("migration authenticated" + (warnings().isEmpty() ? ""
                    : " (" + warnings().size() + " warning(s) above)"));
        } else if (windows == null) {
            out.line("the move never starts: Hyper-V logs nothing");
        } else {
            out.line("Windows would show:");
            out.line("  " + windows.dialog());
            windows.events().forEach(e -> out.line("  Hyper-V-VMMS event " + e.id() + ": " + e.text()));
            out.line("('explain " + windows.code() + "' says what it means)");
        }
        out.line("decided by: " + decidedBy);
    }
}
