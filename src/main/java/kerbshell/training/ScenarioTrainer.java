package kerbshell.training;

import kerbshell.error.KerbshellException;
import kerbshell.journal.Journal;
import kerbshell.journal.JournalEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs lab scenarios: sets one up on a fresh lab, gives hints one at a time, judges the goal, and once solved shows
 * the explanation and the trainee's changes beside the model solution. Progress is saved after every step, so it
 * survives the shell; the lab does not, and a scenario whose lab was reset or restarted must be set up again.
 */
public final class ScenarioTrainer {
    private final ScenarioCatalog catalog;
    private final ShellAccess shell;
    private final Supplier<String> labState;
    private final Runnable restartHosts;
    private final Journal journal;
    private final ProgressStore store;
    private final Clock clock;

    /**
     * @param labState     the running lab's state id (changes on reset and restart); fails when no lab runs
     * @param restartHosts makes every lab host take the directory as it is now for its cached view
     */
    public ScenarioTrainer(ScenarioCatalog catalog, ShellAccess shell, Supplier<String> labState,
                           Runnable restartHosts, Journal journal, ProgressStore store, Clock clock) {
        this.catalog = catalog;
        this.shell = shell;
        this.labState = labState;
        this.restartHosts = restartHosts;
        this.journal = journal;
        this.store = store;
        this.clock = clock;
    }

    public ScenarioList list() {
        Progress progress = store.load();
        String current = progress.current() == null ? null : progress.current().scenario();
        return new ScenarioList(catalog.all().stream().map(e -> ScenarioList.Row.of(e, progress.recordOf(
                e.scenario().name()), e.scenario().name().equals(current))).toList());
    }

    /** Resets the lab, plants the scenario's fault and starts an attempt. */
    public ScenarioBrief start(String nameOrPath) {
        ScenarioCatalog.Entry entry = catalog.find(nameOrPath);
        Scenario scenario = entry.scenario();
        setUp(scenario);
        Progress progress = store.load();
        Progress.Attempt attempt = new Progress.Attempt(scenario.name(), entry.source(), clock.instant(), 0,
                journal.entries().size(), labState.get(), null);
        store.save(progress.withRecord(scenario.name(), progress.recordOf(scenario.name()).started())
                .withCurrent(attempt));
        return ScenarioBrief.of(scenario, attempt, false);
    }

    /** Sets the current scenario up again on a fresh lab; hints taken and the clock carry on. */
    public ScenarioBrief reset() {
        Progress progress = store.load();
        Progress.Attempt attempt = current(progress);
        Scenario scenario = scenarioOf(attempt);
        setUp(scenario);
        Progress.Attempt again = attempt.rebroken(journal.entries().size(), labState.get());
        store.save(progress.withCurrent(again));
        return ScenarioBrief.of(scenario, again, true);
    }

    public HintReport hint() {
        Progress progress = store.load();
        Progress.Attempt attempt = current(progress);
        Scenario scenario = scenarioOf(attempt);
        int total = scenario.hints().size();
        boolean more = attempt.hintsTaken() < total;
        Progress.Attempt updated = more ? attempt.withHints(attempt.hintsTaken() + 1) : attempt;
        if (more) {
            store.save(progress.withCurrent(updated));
        }
        return new HintReport(scenario.name(), scenario.hints().subList(0, updated.hintsTaken()), total, more);
    }

    public ScenarioStatus status() {
        Progress progress = store.load();
        Progress.Attempt attempt = progress.current();
        if (attempt == null) {
            return ScenarioStatus.none(progress);
        }
        Scenario scenario = scenarioOf(attempt);
        boolean labIntact = attempt.lab().equals(currentLabStateOrNull());
        return ScenarioStatus.of(scenario, progress, labIntact, clock.instant());
    }

    /** Judges the goal: solved, or what still fails, with no more than the hints already taken. */
    public ScenarioVerdict check() {
        Progress progress = store.load();
        Progress.Attempt attempt = current(progress);
        Scenario scenario = scenarioOf(attempt);
        if (!attempt.lab().equals(labState.get())) {
            throw KerbshellException.failure("the lab was reset or restarted since scenario " + scenario.name()
                    + " was set up, so its fault is gone: 'lab scenario reset' sets it up again");
        }
        List<GoalOutcome> outcomes = judge(scenario).stream().map(GoalJudge.Judged::outcome).toList();
        List<String> hints = scenario.hints().subList(0, attempt.hintsTaken());
        if (!outcomes.stream().allMatch(GoalOutcome::passes)) {
            return ScenarioVerdict.notYet(scenario, outcomes, hints);
        }
        Instant now = clock.instant();
        Progress.Attempt solved = attempt.solvedAt() == null ? attempt.solved(now) : attempt;
        long seconds = solved.secondsUntil(solved.solvedAt());
        if (attempt.solvedAt() == null) {
            progress = progress.withRecord(scenario.name(), progress.recordOf(scenario.name())
                    .solvedIn(seconds, attempt.hintsTaken(), now));
            store.save(progress.withCurrent(solved));
        }
        List<JournalEntry> entries = journal.entries();
        List<JournalEntry> since = entries.subList(Math.min(attempt.journalMark(), entries.size()), entries.size());
        return ScenarioVerdict.solved(scenario, outcomes, hints, seconds,
                SolutionComparison.of(since, scenario.solution()));
    }

    /** Resets the lab, applies the break, and proves it took: the goal fails and names every planted cause. */
    private void setUp(Scenario scenario) {
        run("lab reset", scenario, "reset the lab");
        for (String line : scenario.breakSteps()) {
            run(line, scenario, "its break step");
        }
        // The story's hosts have run with the fault for a while: what they cached is the broken state.
        restartHosts.run();
        List<GoalJudge.Judged> judged = judge(scenario);
        if (judged.stream().allMatch(j -> j.outcome().passes())) {
            throw KerbshellException.failure("scenario " + scenario.name() + " is wrong: its goal passes right after "
                    + "its break, so there is nothing to solve; fix its break or goal");
        }
        List<GoalJudge.Finding> findings = new ArrayList<>();
        judged.forEach(j -> findings.addAll(j.findings()));
        for (String cause : scenario.cause()) {
            if (findings.stream().noneMatch(f -> GoalJudge.matches(f, cause))) {
                throw KerbshellException.failure("scenario " + scenario.name() + " is wrong: after its break the goal"
                        + " checks report nothing about '" + cause + "'; fix its break or its cause");
            }
        }
    }

    private List<GoalJudge.Judged> judge(Scenario scenario) {
        return scenario.goal().stream().map(goal -> GoalJudge.judge(goal, shell.run(goal.check()))).toList();
    }

    private void run(String line, Scenario scenario, String what) {
        Object result = shell.run(line);
        if (result instanceof Throwable failure) {
            throw KerbshellException.failure("scenario " + scenario.name() + " could not be set up: " + what + " '"
                    + line + "' failed (" + failure.getMessage() + "); fix the scenario file");
        }
    }

    private static Progress.Attempt current(Progress progress) {
        if (progress.current() == null) {
            throw KerbshellException.usage("no scenario is under way: 'lab scenario start NAME' starts one "
                    + "('lab scenario list' shows them)");
        }
        return progress.current();
    }

    private Scenario scenarioOf(Progress.Attempt attempt) {
        String where = "shipped".equals(attempt.source()) ? attempt.scenario() : attempt.source();
        return catalog.find(where).scenario();
    }

    private String currentLabStateOrNull() {
        try {
            return labState.get();
        } catch (KerbshellException e) {
            return null;
        }
    }
}
