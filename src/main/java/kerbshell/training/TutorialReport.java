package kerbshell.training;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * Where the tutorial stands: what the last step taught, and the step to do now; or why the step is not done yet
 * (exit status 1); or that it is finished.
 *
 * @param step     the step to do now, 1-based; null when finished
 * @param notYet   why the step does not count as done yet, or null
 * @param learned  what the step just done taught, or null
 */
public record TutorialReport(Integer step, int steps, String title, String task, String notYet, String learned,
                             boolean finished) implements Renderable {

    static TutorialReport step(int index, List<TutorialStep> all, String notYet, String learned) {
        TutorialStep step = all.get(index);
        return new TutorialReport(index + 1, all.size(), step.title(), step.task().strip(), notYet, learned, false);
    }

    static TutorialReport finished(List<TutorialStep> all, String learned) {
        return new TutorialReport(null, all.size(), null, null, null, learned, true);
    }

    @Override
    public ExitStatus exitStatus() {
        return notYet == null ? ExitStatus.OK : ExitStatus.PROBLEM;
    }

    @Override
    public void renderText(TextOut out) {
        if (notYet != null) {
            out.line("step " + step + "/" + steps + " (" + title + "): " + notYet);
            return;
        }
        if (learned != null) {
            out.line("done. " + learned.strip().replace("\n", "\n      ")).blank();
        }
        if (finished) {
            out.line("tutorial finished: all " + steps + " steps done. 'lab scenario list' shows what to try next.");
            return;
        }
        out.line("step " + step + "/" + steps + ": " + title);
        task.lines().forEach(l -> out.line("  " + l));
    }
}
