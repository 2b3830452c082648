package kerbshell.cli;

import kerbshell.journal.Journal;
import kerbshell.output.Renderable;
import kerbshell.session.SessionManager;
import kerbshell.training.HintReport;
import kerbshell.training.ScenarioBrief;
import kerbshell.training.ScenarioCatalog;
import kerbshell.training.ScenarioList;
import kerbshell.training.ScenarioStatus;
import kerbshell.training.ScenarioTrainer;
import kerbshell.training.ScenarioVerdict;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** lab scenario list, start, status, hint, check, reset: real migration failures to find and fix on the lab. */
@Command(command = "lab scenario", group = "Training")
public class ScenarioCommands {
    private static final String DIR = "Also read the scenarios in this directory (YAML files).";
    private static final String WHAT = "lab scenario";
    /** The first-hour path, also reachable as a scenario name. */
    private static final String INTRO = "intro";

    private final LaunchContext launch;
    // A provider: the shell is built from the command beans, this one included.
    private final ObjectProvider<KerbshellShell> shell;
    private final Journal journal;
    private final SessionManager sessions;

    ScenarioCommands(LaunchContext launch, ObjectProvider<KerbshellShell> shell, Journal journal,
                     SessionManager sessions) {
        this.launch = launch;
        this.shell = shell;
        this.journal = journal;
        this.sessions = sessions;
    }

    @Example(value = "lab scenario list",
            says = "Lists the training scenarios in the suggested order, with your progress.")
    @Command(command = "list", description = "List the training scenarios in the suggested order, with your "
            + "progress: solved, hints used, time.")
    ScenarioList list(@Option(longNames = "dir", label = "DIR", description = DIR) String dir) {
        return trainer(dir).list();
    }

    @Example(value = "lab scenario start one-direction",
            says = "Resets the lab, plants the scenario's fault and tells its story.")
    @Example(value = "lab scenario start intro", says = "Starts the introduction.")
    @Command(command = "start", description = "Reset the lab, plant the scenario's fault and tell its story; "
            + "'intro' starts the first-hour tutorial.")
    Renderable start(@Option(required = true, description = "Scenario name or file, or intro.")
                     @OptionValues(provider = NameCompletion.SCENARIOS) String scenario,
                     @Option(longNames = "dir", label = "DIR", description = DIR) String dir) {
        TrainingShell.requireLab(sessions, WHAT);
        if (scenario.equals(INTRO)) {
            return access().tutorial(sessions, launch).start();
        }
        return trainer(dir).start(scenario);
    }

    @Example(value = "lab scenario status",
            says = "Shows the scenario under way: story, goal, time, hints taken.",
            after = "lab scenario start one-direction")
    @Command(command = "status", description = "Show the scenario under way: story, goal, time, hints taken.")
    ScenarioStatus status() {
        return trainer(null).status();
    }

    @Example(value = "lab scenario hint", says = "Gives the next hint.", after = "lab scenario start one-direction")
    @Command(command = "hint", description = "Give the next hint of the scenario under way.")
    HintReport hint() {
        return trainer(null).hint();
    }

    @Example(value = "lab scenario check",
            says = "Says whether the scenario is solved yet.", after = "lab scenario start one-direction")
    @Command(command = "check", description = "Say whether the scenario under way is solved; once it is, explain "
            + "why and compare your changes with the model solution.")
    ScenarioVerdict check() {
        TrainingShell.requireLab(sessions, WHAT);
        return trainer(null).check();
    }

    @Example(value = "lab scenario reset",
            says = "Sets the scenario up again on a fresh lab.", after = "lab scenario start one-direction")
    @Command(command = "reset", description = "Set the scenario under way up again on a fresh lab (hints and time "
            + "carry on).")
    ScenarioBrief reset() {
        TrainingShell.requireLab(sessions, WHAT);
        return trainer(null).reset();
    }

    /** The shipped scenarios, the user's own (recipes/training in the kerbshell directory) and those in dir. */
    static ScenarioCatalog catalog(LaunchContext launch, TrainingShell access, String dir) {
        List<Path> directories = new ArrayList<>(List.of(launch.files().home().resolve("recipes").resolve("training")));
        if (dir != null) {
            directories.add(Path.of(dir));
        }
        return new ScenarioCatalog(TrainingShell.shippedScenarios(), directories, access::knows);
    }

    /** The scenario names 'lab scenario start' takes, 'intro' (the first-hour tutorial) first. */
    static List<String> names(LaunchContext launch, TrainingShell access) {
        List<String> names = new ArrayList<>(List.of(INTRO));
        names.addAll(catalog(launch, access, null).names());
        return names;
    }

    private TrainingShell access() {
        return new TrainingShell(shell.getObject());
    }

    private ScenarioTrainer trainer(String dir) {
        TrainingShell access = access();
        ScenarioCatalog scenarios = catalog(launch, access, dir);
        return new ScenarioTrainer(scenarios, access, () -> sessions.requireLab().stateId(),
                () -> sessions.requireLab().restartAllHosts(), journal, TrainingShell.progress(launch),
                Clock.systemUTC());
    }
}
