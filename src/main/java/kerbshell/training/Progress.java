package kerbshell.training;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trainee's progress, kept in the kerbshell directory (so per user): each scenario's record, the attempt under
 * way, and where the tutorial stands.
 *
 * @param current  the scenario attempt under way, or null
 * @param tutorial the tutorial's state, or null when never started
 */
public record Progress(Map<String, ScenarioRecord> scenarios, Attempt current, TutorialState tutorial) {

    public Progress {
        scenarios = scenarios == null ? new TreeMap<>() : new TreeMap<>(scenarios);
    }

    static Progress empty() {
        return new Progress(Map.of(), null, null);
    }

    public ScenarioRecord recordOf(String scenario) {
        return scenarios.getOrDefault(scenario, ScenarioRecord.NONE);
    }

    Progress withCurrent(Attempt attempt) {
        return new Progress(scenarios, attempt, tutorial);
    }

    Progress withRecord(String scenario, ScenarioRecord record) {
        Map<String, ScenarioRecord> updated = new TreeMap<>(scenarios);
        updated.put(scenario, record);
        return new Progress(updated, current, tutorial);
    }

    Progress withTutorial(TutorialState state) {
        return new Progress(scenarios, current, state);
    }

    /**
     * One scenario over all attempts.
     *
     * @param bestSeconds  the fastest solve, from start to the check that said solved
     * @param fewestHints  the fewest hints taken in a solved attempt
     */
    public record ScenarioRecord(int attempts, boolean solved, Instant firstSolvedAt, Long bestSeconds,
                                 Integer fewestHints) {
        static final ScenarioRecord NONE = new ScenarioRecord(0, false, null, null, null);

        ScenarioRecord started() {
            return new ScenarioRecord(attempts + 1, solved, firstSolvedAt, bestSeconds, fewestHints);
        }

        ScenarioRecord solvedIn(long seconds, int hints, Instant at) {
            return new ScenarioRecord(attempts, true, firstSolvedAt == null ? at : firstSolvedAt,
                    bestSeconds == null ? seconds : Math.min(bestSeconds, seconds),
                    fewestHints == null ? hints : Math.min(fewestHints, hints));
        }
    }

    /**
     * The attempt under way.
     *
     * @param source      where the scenario came from ("shipped" or its file), to read it again
     * @param journalMark how many journal entries there were once the break was applied: the trainee's changes
     *                    are the ones after it
     * @param lab         the lab's state id right after the break: another id means the lab was reset or restarted
     * @param solvedAt    when a check first said solved, or null
     */
    public record Attempt(String scenario, String source, Instant startedAt, int hintsTaken, int journalMark,
                          String lab, Instant solvedAt) {

        Attempt withHints(int hints) {
            return new Attempt(scenario, source, startedAt, hints, journalMark, lab, solvedAt);
        }

        Attempt rebroken(int mark, String labState) {
            return new Attempt(scenario, source, startedAt, hintsTaken, mark, labState, solvedAt);
        }

        Attempt solved(Instant at) {
            return new Attempt(scenario, source, startedAt, hintsTaken, journalMark, lab, at);
        }

        long secondsUntil(Instant end) {
            return Math.max(0, Duration.between(startedAt, end).toSeconds());
        }
    }

    /** Where the tutorial stands: the step to do next (0-based), or finished. */
    public record TutorialState(int step, Instant startedAt, Instant finishedAt) {
    }
}
