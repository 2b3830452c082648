package kerbshell.cli;

import kerbshell.session.SessionManager;
import kerbshell.training.Tutorial;
import kerbshell.training.TutorialReport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

import java.util.List;

/** tutorial start, step, done: the first hour with kerbshell on the lab, one checked step at a time. */
@Command(command = "tutorial", group = "Training")
public class TutorialCommands {
    private final LaunchContext launch;
    // A provider: the shell is built from the command beans, this one included.
    private final ObjectProvider<KerbshellShell> shell;
    private final SessionManager sessions;

    private final Console console;
    private final LeavingGuard leaving;

    TutorialCommands(LaunchContext launch, ObjectProvider<KerbshellShell> shell, SessionManager sessions,
                     Console console, LeavingGuard leaving) {
        this.console = console;
        this.leaving = leaving;
        this.launch = launch;
        this.shell = shell;
        this.sessions = sessions;
    }

    @Example(value = "tutorial start", says = "Starts the first-hour tutorial from its first step; it resets the lab.")
    @Command(command = "start", description = "Start the first-hour tutorial from its first step (resets the lab).")
    TutorialReport start() {
        TrainingShell.requireLab(sessions, "the tutorial");
        String running = TrainingShell.runningScenario(launch);
        TutorialReport report = tutorial().start();
        leaving.labReset();
        console.note("note: the lab was reset to its seeded state for the tutorial; changes made to it before are "
                + "gone");
        TrainingShell.endScenario(launch, console, running);
        return report;
    }

    @Example(value = "tutorial step", says = "Shows the step to do now.", after = "tutorial start")
    @Command(command = "step", description = "Show the tutorial step to do now.")
    TutorialReport step() {
        return tutorial().current();
    }

    @Example(value = "tutorial done",
            says = "Says the current step is done; the tutorial checks it and moves on.", after = "tutorial start")
    @Command(command = "done", description = "Say the current step is done (with the answer, when it asks a "
            + "question); kerbshell checks it, then shows the next one.")
    TutorialReport done(@Option(arityMax = 32, description = "The answer, when the step asks a question.")
                        List<String> answer) {
        return tutorial().done(answer == null || answer.isEmpty() ? null : String.join(" ", answer));
    }

    private Tutorial tutorial() {
        return new TrainingShell(shell.getObject()).tutorial(sessions, launch);
    }
}
