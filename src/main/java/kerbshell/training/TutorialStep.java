package kerbshell.training;

import java.util.List;

/**
 * One step of the first-hour tutorial: what to do, and how kerbshell sees that it was done, by one or more of:
 * the session bound as an account on the lab's directory, the built-in lab session, a check that passes, or an
 * answer only the command's output gives.
 *
 * @param connectedAs    the account the session must be bound as, on the lab's directory (a 'connect' step)
 * @param onLab          the session must be the built-in lab's own ('lab start')
 * @param check          a check command line that must pass
 * @param answers        accepted answers, case and spaces ignored
 * @param answerContains the answer passes when it contains one of these, case ignored
 * @param learned        what the step taught, shown once it is done
 */
public record TutorialStep(String title, String task, String connectedAs, Boolean onLab, String check,
                           List<String> answers, List<String> answerContains, String learned) {

    boolean asksQuestion() {
        return answers != null && !answers.isEmpty() || answerContains != null && !answerContains.isEmpty();
    }
}
