package kerbshell.recipe;

import kerbshell.directory.LdapChange;
import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;
import java.util.Map;

/**
 * How a recipe run went: each step and verify step with its exit status, and, when a step failed, what had been
 * applied and how to take it back.
 */
public record RecipeRunReport(String recipe, String run, Map<String, String> parameters, boolean dryRun,
                              List<PlannedStep> plan, List<Step> steps, List<Step> verify, String undo)
        implements Renderable {

    /** A step as its dry run found the directory: the changes it would make (none when already so). */
    public record PlannedStep(String line, List<LdapChange> changes, String note) {
    }

    public int plannedChanges() {
        return plan.stream().mapToInt(p -> p.changes().size()).sum();
    }

    /** One command line of the recipe and how it ended (0 ok, 1 problem, 2 usage; null when not run). */
    public record Step(String line, Integer exit) {
    }

    @Override
    public ExitStatus exitStatus() {
        boolean failed = java.util.stream.Stream.concat(steps.stream(), verify.stream())
                .anyMatch(s -> s.exit() != null && s.exit() != 0);
        boolean incomplete = !dryRun && steps.stream().anyMatch(s -> s.exit() == null);
        return failed || incomplete ? ExitStatus.PROBLEM : ExitStatus.OK;
    }

    @Override
    public void renderText(TextOut out) {
        out.blank();
        if (dryRun) {
            out.line("recipe " + recipe + ": dry run, " + plannedChanges() + " change(s) planned; nothing was written");
            return;
        }
        long done = steps.stream().filter(s -> s.exit() != null && s.exit() == 0).count();
        out.line("recipe " + recipe + " (run " + run + "): " + done + " of " + steps.size() + " step(s) applied"
                + (verify.isEmpty() ? "" : ", verify " + (verify.stream().allMatch(s -> s.exit() != null && s.exit() == 0)
                ? "passed" : "FAILED")));
        for (Step step : steps) {
            out.line("  " + (step.exit() == null ? "not run " : step.exit() == 0 ? "ok      " : "FAILED  ") + step.line());
        }
        for (Step step : verify) {
            out.line("  " + (step.exit() == null ? "not run " : step.exit() == 0 ? "passed  " : "FAILED  ")
                    + "verify: " + step.line());
        }
        if (undo != null) {
            out.line(undo);
        }
    }
}
