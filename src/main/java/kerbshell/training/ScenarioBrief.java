package kerbshell.training;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/** What the trainee is told when a scenario starts (or is set up again): the story, the goal, the hints there are. */
public record ScenarioBrief(String scenario, String title, int level, String story, List<String> goal,
                            int hintsAvailable, int hintsTaken, boolean setUpAgain) implements Renderable {

    static ScenarioBrief of(Scenario scenario, Progress.Attempt attempt, boolean again) {
        return new ScenarioBrief(scenario.name(), scenario.title(), scenario.levelOrDefault(), scenario.story().strip(),
                scenario.goal().stream().map(Scenario.Goal::describe).toList(), scenario.hints().size(),
                attempt.hintsTaken(), again);
    }

    @Override
    public void renderText(TextOut out) {
        out.line((setUpAgain ? "set up again on a fresh lab: " : "scenario ") + scenario + ": " + title
                + " (level " + level + ")");
        out.blank();
        story.lines().forEach(l -> out.line("  " + l));
        out.blank().line("solved when:");
        goal.forEach(g -> out.line("  - " + g));
        out.blank().line("find the cause with kerbshell and fix it. 'lab scenario check' tells you whether it is "
                + "solved; 'lab scenario hint' gives a hint (" + (hintsAvailable - hintsTaken) + " left); "
                + "'lab migrate HV01 HV02 --as operator' shows what Hyper-V would say.");
    }
}
