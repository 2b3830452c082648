package kerbshell.training;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.time.Instant;
import java.util.List;

/**
 * The scenario under way, if any.
 *
 * @param labIntact false when the lab was reset or restarted since the scenario was set up
 */
public record ScenarioStatus(String scenario, String title, String story, List<String> goal, Instant startedAt,
                             Long elapsedSeconds, Integer hintsTaken, Integer hintsAvailable, Boolean solved,
                             Boolean labIntact, long scenariosSolved) implements Renderable {

    static ScenarioStatus none(Progress progress) {
        return new ScenarioStatus(null, null, null, List.of(), null, null, null, null, null, null,
                solvedCount(progress));
    }

    static ScenarioStatus of(Scenario scenario, Progress progress, boolean labIntact, Instant now) {
        Progress.Attempt attempt = progress.current();
        boolean solved = attempt.solvedAt() != null;
        return new ScenarioStatus(scenario.name(), scenario.title(), scenario.story().strip(),
                scenario.goal().stream().map(Scenario.Goal::describe).toList(), attempt.startedAt(),
                attempt.secondsUntil(solved ? attempt.solvedAt() : now), attempt.hintsTaken(),
                scenario.hints().size(), solved, labIntact, solvedCount(progress));
    }

    private static long solvedCount(Progress progress) {
        return progress.scenarios().values().stream().filter(Progress.ScenarioRecord::solved).count();
    }

    @Override
    public void renderText(TextOut out) {
        if (scenario == null) {
            out.line("no scenario under way (" + scenariosSolved + " solved so far): 'lab scenario list' shows them, "
                    + "'lab scenario start NAME' starts one");
            return;
        }
        out.field("scenario", scenario + ": " + title, 10)
                .field("state", solved ? "solved in " + Durations.of(elapsedSeconds)
                        : "under way for " + Durations.of(elapsedSeconds), 10)
                .field("hints", hintsTaken + " of " + hintsAvailable + " taken", 10)
                .field("started", startedAt, 10);
        if (!labIntact) {
            out.line("the lab was reset or restarted since: its fault is gone; 'lab scenario reset' sets it up again");
        }
        out.blank();
        story.lines().forEach(l -> out.line("  " + l));
        out.blank().line("solved when:");
        goal.forEach(g -> out.line("  - " + g));
    }
}
