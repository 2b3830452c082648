package kerbshell.cli;

import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.session.SessionManager;
import kerbshell.training.Progress;
import kerbshell.training.ProgressStore;
import kerbshell.training.ShellAccess;
import kerbshell.training.Tutorial;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What the training commands need from the shell: running a command line quietly (keeping the format the
 * training command itself was asked for), knowing which lines are commands, the shipped scenarios, and the
 * one-line refusal off the lab.
 */
final class TrainingShell implements ShellAccess {
    private final KerbshellShell shell;

    TrainingShell(KerbshellShell shell) {
        this.shell = shell;
    }

    @Override
    public Object run(String line) {
        return shell.evaluateQuietly(RecipeRunner.words(line));
    }

    /** Whether the line starts with one of the shell's commands. */
    boolean knows(String line) {
        List<String> words;
        try {
            words = RecipeRunner.words(line);
        } catch (KerbshellException e) {
            return false;
        }
        return shell.registrationOf(String.join(" ", words)).isPresent();
    }

    /** The scenarios inside the jar (recipes/training/ in the repository), by file name. */
    static Map<String, String> shippedScenarios() {
        return ShippedFiles.read("kerbshell/recipes/training/*.yaml");
    }

    /** The first-hour tutorial, on the current session and the running lab. */
    Tutorial tutorial(SessionManager sessions, LaunchContext launch) {
        return new Tutorial(this, () -> {
            DirectorySession session = sessions.current();
            return new Tutorial.SessionView(session.settings().server(), session.settings().effectivePort(),
                    session.settings().user(), session.environment().isLab());
        }, () -> sessions.requireLab().ldapPort(), progress(launch), Clock.systemUTC());
    }

    /** The trainee's progress, in the kerbshell directory (so per user). */
    static ProgressStore progress(LaunchContext launch) {
        return new ProgressStore(launch.files().home().resolve("training").resolve("progress.json"));
    }

    /** The scenario under way, or null: read before a lab reset, which may end it on the way (see endScenario). */
    static String runningScenario(LaunchContext launch) {
        Progress.Attempt current = progress(launch).load().current();
        return current == null ? null : current.scenario();
    }

    /**
     * A reset lab takes the running scenario's fault with it, so the scenario ends; says so in one line. A scenario's
     * own setup resets the lab too: there the note is not shown and the trainer saves the new attempt afterwards.
     *
     * @param running the scenario under way before the reset ({@link #runningScenario}), or null
     */
    static void endScenario(LaunchContext launch, Console console, String running) {
        progress(launch).endScenario();
        if (running != null) {
            console.note("note: scenario " + running + " ended, as its fault went with the reset; 'lab scenario start "
                    + running + "' sets it up again");
        }
    }

    /** Training changes the directory freely, so it runs on the built-in lab and nowhere else. */
    static DirectorySession requireLab(SessionManager sessions, String what) {
        DirectorySession session = sessions.current();
        session.environment().requireLab(what);
        return session;
    }
}
