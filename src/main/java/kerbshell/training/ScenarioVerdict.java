package kerbshell.training;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * What 'lab scenario check' says. Not yet solved: which goals still fail and how many blockers they report, and the
 * hints already taken, nothing more. Solved: the time, the hints, the explanation with its references, and the
 * trainee's changes beside the model solution. Exit status 1 until solved.
 */
public record ScenarioVerdict(String scenario, boolean solved, List<GoalOutcome> goals, List<String> hintsTaken,
                              Long seconds, String explanation, List<String> references,
                              SolutionComparison comparison) implements Renderable {

    static ScenarioVerdict notYet(Scenario scenario, List<GoalOutcome> goals, List<String> hints) {
        return new ScenarioVerdict(scenario.name(), false, goals, hints, null, null, null, null);
    }

    static ScenarioVerdict solved(Scenario scenario, List<GoalOutcome> goals, List<String> hints, long seconds,
                                  SolutionComparison comparison) {
        return new ScenarioVerdict(scenario.name(), true, goals, hints, seconds, scenario.explanation().strip(),
                scenario.references() == null ? List.of() : scenario.references(), comparison);
    }

    @Override
    public ExitStatus exitStatus() {
        return solved ? ExitStatus.OK : ExitStatus.PROBLEM;
    }

    @Override
    public void renderText(TextOut out) {
        if (!solved) {
            out.line("scenario " + scenario + ": not solved yet");
            goals.forEach(g -> out.line("  " + g.summary()));
            for (int i = 0; i < hintsTaken.size(); i++) {
                out.line("  hint " + (i + 1) + ": " + hintsTaken.get(i));
            }
            out.line("run the failing check yourself to see why; 'lab scenario hint' gives "
                    + (hintsTaken.isEmpty() ? "a" : "the next") + " hint");
            return;
        }
        out.line("scenario " + scenario + ": SOLVED in " + Durations.of(seconds) + " with " + hintsTaken.size()
                + " hint(s)");
        goals.forEach(g -> out.line("  " + g.summary()));
        out.blank().line("why:");
        explanation.lines().forEach(l -> out.line("  " + l));
        if (!references.isEmpty()) {
            out.blank().line("read more:");
            references.forEach(r -> out.line("  - " + r));
        }
        out.blank().line("your changes:");
        if (comparison.yours().isEmpty()) {
            out.line("  (none journaled)");
        }
        comparison.yours().forEach(c -> out.line("  " + (comparison.extra().contains(c) ? "  " : "= ") + c));
        out.line("the model solution:");
        for (int i = 0; i < comparison.model().size(); i++) {
            String mark = comparison.modelStepsUsed().contains(i) ? "= " : comparison.hostSteps().contains(i) ? "* "
                    : "  ";
            out.line("  " + mark + comparison.model().get(i));
        }
        out.line(comparison.verdict() + " ('=' marks the commands both have"
                + (comparison.hostSteps().isEmpty() ? "" : ", '*' a step on a host") + ")");
    }
}
